package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// A finding says "turn 3"; what the bot said at turn 3 is in a JSONL file a
// reader of report.html would have to open and read by eye. So the page
// shows each scenario's conversation where its score is, turn by turn, with
// each finding under the turn it is about.

// played is one transcript the run lists, read back for report.html.
type played struct {
	path string // as Run.Transcripts lists it
	t    *transcript.Transcript
	err  error
}

// readTranscripts reads the transcripts a run lists, by scenario id; paths
// are relative to the run's directory dir. A file that cannot be read is
// kept with its error, under the id its name gives (the runner names each
// after its scenario), so the page says so instead of leaving a gap.
func readTranscripts(dir string, paths []string) map[string]played {
	out := map[string]played{}
	for _, p := range paths {
		full := p
		if !filepath.IsAbs(p) {
			full = filepath.Join(dir, filepath.FromSlash(p))
		}
		id := strings.TrimSuffix(filepath.Base(p), ".jsonl")
		t, err := transcript.Read(full)
		if err == nil && t.Header.ScenarioID != "" {
			id = t.Header.ScenarioID
		}
		out[id] = played{path: p, t: t, err: err}
	}
	return out
}

// conversationView is one scenario's conversation as report.html shows it.
type conversationView struct {
	Path    string // the transcript file, as the run lists it
	Link    bool   // Path is relative to the page, so it can be a link
	Problem string // why the transcript could not be read; then there are no turns
	Turns   []turnView
	// Whole are the findings about the whole run (turn 0) or about a turn
	// the transcript does not hold.
	Whole  []findingView
	Ending string // how the conversation ended
	Cut    bool   // it ended in an error or without an end line
	Open   bool   // shown unfolded: the scenario has findings, or its transcript a problem
}

type turnView struct {
	Anchor   string
	N        int
	Customer string
	Replies  []string
	After    string // the session after the turn, as the bot's database showed it
	Findings []findingView
}

// attachConversations gives each scenario of the page its conversation and
// points each finding's turn at the turn in it.
func attachConversations(p *page, r Run, transcripts map[string]played) {
	redact := r.Redact
	if redact == nil {
		redact = func(s string) string { return s }
	}
	results := map[string]judge.Result{}
	for _, res := range r.Results {
		results[res.ScenarioID] = res
	}
	for i := range p.Details {
		d := &p.Details[i]
		pl, ok := transcripts[d.ID]
		if !ok {
			continue
		}
		d.Conversation = newConversation(d, results[d.ID], pl, redact)
	}
}

func newConversation(d *detailView, res judge.Result, pl played, redact func(string) string) *conversationView {
	c := &conversationView{Path: pl.path, Link: !filepath.IsAbs(pl.path) && !strings.Contains(pl.path, ":"), Open: len(res.Findings) > 0 || res.Total < judge.Weights.Sum()}
	if pl.err != nil {
		c.Problem = redact(fmt.Sprintf("The transcript could not be read: %v", pl.err))
		c.Open = true
		return c
	}
	at := map[int]int{} // turn number → index in c.Turns
	for _, tn := range pl.t.Turns {
		at[tn.N] = len(c.Turns)
		c.Turns = append(c.Turns, newTurnView(d.Anchor, tn, redact))
	}
	// d.Findings were made from res.Findings, one for one and in order.
	for k, f := range res.Findings {
		if k >= len(d.Findings) {
			break
		}
		i, ok := at[f.Turn]
		if f.Turn == 0 || !ok {
			c.Whole = append(c.Whole, d.Findings[k])
			continue
		}
		d.Findings[k].TurnAnchor = c.Turns[i].Anchor
		c.Turns[i].Findings = append(c.Turns[i].Findings, d.Findings[k])
	}
	c.Ending, c.Cut = ending(pl.t, redact)
	c.Open = c.Open || c.Cut
	return c
}

func newTurnView(scenarioAnchor string, tn transcript.Turn, redact func(string) string) turnView {
	v := turnView{Anchor: fmt.Sprintf("%s-t%d", scenarioAnchor, tn.N), N: tn.N, Customer: redact(tn.Customer)}
	for _, reply := range tn.Replies {
		v.Replies = append(v.Replies, redact(reply))
	}
	var after []string
	switch {
	case tn.Phase != "" && tn.State != "" && tn.State != tn.Phase:
		after = append(after, fmt.Sprintf("phase %s (state %s)", tn.Phase, tn.State))
	case tn.Phase != "":
		after = append(after, "phase "+tn.Phase)
	case tn.State != "":
		after = append(after, "state "+tn.State)
	}
	if tn.OptedOut {
		after = append(after, "opted out")
	}
	if tn.Timeout {
		after = append(after, "did not settle within the reply budget")
	} else if tn.WaitMS > 0 {
		after = append(after, "settled in "+formatDuration(time.Duration(tn.WaitMS*float64(time.Millisecond))))
	}
	v.After = strings.Join(after, " · ")
	return v
}

// ending says how the conversation ended, and whether it was cut short.
func ending(t *transcript.Transcript, redact func(string) string) (string, bool) {
	last := 0
	if n := len(t.Turns); n > 0 {
		last = t.Turns[n-1].N
	}
	switch {
	case t.End == nil:
		return fmt.Sprintf("Cut short after turn %d: the transcript has no end line (the run was interrupted; resume it with its run id).", last), true
	case t.End.Error != "":
		return redact(fmt.Sprintf("Ended after turn %d with an error: %s", last, t.End.Error)), true
	case len(t.End.PhasePath) > 0:
		return "Phase path in the bot's database: " + strings.Join(t.End.PhasePath, " → "), false
	}
	return fmt.Sprintf("Ended after turn %d.", last), false
}
