package matrix

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// progress writes a line per finished run (to stderr, from the command):
// where the matrix is, and what each run found.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	done  int
	total int
}

func newProgress(w io.Writer, start time.Time) *progress { return &progress{w: w, start: start} }

// add counts jobs to do (negative: jobs that turned out to need no run).
func (p *progress) add(n int) {
	p.mu.Lock()
	p.total += n
	p.mu.Unlock()
}

func (p *progress) printf(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "[%s] %s\n", clock(time.Since(p.start)), fmt.Sprintf(format, args...))
}

func (p *progress) finished(r *Run) {
	p.mu.Lock()
	p.done++
	done, total := p.done, p.total
	p.mu.Unlock()
	p.printf("%*d/%d  %-10s L%s  %-22s %s (%s)", len(fmt.Sprint(total)), done, total, r.Bot, r.Layer, orClean(r.Defect), runSummary(r), r.Elapsed.Round(100*time.Millisecond))
}

// runSummary says in a few words how a run ended.
func runSummary(r *Run) string {
	switch r.Outcome {
	case Green:
		return fmt.Sprintf("green, %d tests", len(r.Tests))
	case Red:
		return "red: " + failedNames(r)
	default:
		s := string(r.Outcome)
		if f := r.Failed(); len(f) > 0 {
			s += " after " + failedNames(r)
		}
		return s + ": " + clip(r.Detail, 200)
	}
}

func failedNames(r *Run) string {
	var names []string
	for _, t := range r.Failed() {
		names = append(names, shortTest(t.Name, 40))
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("+%d more", len(names)-3))
	}
	return strings.Join(names, ", ")
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
