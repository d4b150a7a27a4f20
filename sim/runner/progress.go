package runner

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// progress prints one line per finished turn and one per finished scenario:
//
//	[3/5] spy-laura turn 4/8 phase=bill_data 12ms
//
// Each line is formatted whole and written in one call under a lock, so
// scenarios running at once never interleave within a line. A nil writer
// is quiet.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	total  int
	redact func(string) string
}

func (p *progress) printf(i int, id, format string, args ...any) {
	if p.w == nil {
		return
	}
	line := fmt.Sprintf("[%d/%d] %s ", i+1, p.total, id) + fmt.Sprintf(format, args...)
	line = p.redact(line) + "\n"
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.w, line) // progress is best effort: a closed terminal must not fail the run
}

func (p *progress) turn(i int, id string, n, max int, t scenario.Turn, phase string, got sent) {
	what := ""
	switch t.Type() {
	case scenario.TurnText:
	case scenario.TurnBurst:
		what = fmt.Sprintf(" (burst of %d)", len(t.Burst))
	default:
		what = " (" + t.Type() + ")"
	}
	late := ""
	if got.status != 0 {
		late += fmt.Sprintf(" (the bot answered HTTP %d)", got.status)
	}
	if !got.settled {
		late += " (did not settle within the wait budget)"
	}
	p.printf(i, id, "turn %d/%d%s phase=%s %s%s", n, max, what, orDash(phase), ms(got.waited), late)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ms formats a duration for people: 12ms, 1.3s.
func ms(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	default:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
}
