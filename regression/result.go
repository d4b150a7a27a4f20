package regression

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/botclient"
)

// Status is what became of one check.
type Status string

const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped" // the manifest does not give what the check needs
)

// Result is one row played against one bot.
type Result struct {
	Row *Row
	Bot string
	// Skip, when set, is why the row cannot apply to the bot, from its
	// manifest (or the bots list of the row); nothing was played.
	Skip   string
	Turns  []Turn    // the conversation as played
	Checks []Outcome // one per Row.Checks, in order
}

// Failed reports whether any check failed.
func (res *Result) Failed() bool {
	for _, o := range res.Checks {
		if o.Status == Failed {
			return true
		}
	}
	return false
}

// Outcome is what one check made of the conversation.
type Outcome struct {
	Index  int // in Row.Checks
	Check  Check
	Status Status
	// Reason is, for a skipped check, the manifest's reason; for a failed
	// one, which named bug is back and the rule broken.
	Reason string
	// Evidence is, for a failed check, each place the rule was broken:
	// what was sent, the bot's reply quoted, where the session was; for a
	// passed one, the turns it looked at.
	Evidence []string
}

// Name is the outcome's check as a test name (see Check.Name).
func (o Outcome) Name() string { return o.Check.Name(o.Index) }

// Turn is one thing the customer (or WhatsApp) did in the replay and what
// the bot did about it.
type Turn struct {
	Step          string // the step's name or number; "<step>: <intent>" for each move of a walk
	Lang          string
	Sent          string
	Replies       []botclient.Reply
	Before, After botclient.Session
	Consented     bool // a granted consent was on record after the turn (read only when a check needs it)
}

// Text is the turn's replies, joined by newlines.
func (tu Turn) Text() string {
	parts := make([]string, len(tu.Replies))
	for i, r := range tu.Replies {
		parts[i] = r.Body
	}
	return strings.Join(parts, "\n")
}

// Quote is the turn as evidence: what was sent, what the bot answered
// (quoted) and where the session was after it.
func (tu Turn) Quote() string {
	where := fmt.Sprintf("(state %s, phase %s)", tu.After.State, tu.After.Phase)
	if len(tu.Replies) == 0 {
		return fmt.Sprintf("step %s: sent %q, the bot sent no reply %s", tu.Step, tu.Sent, where)
	}
	return fmt.Sprintf("step %s: sent %q, the bot answered %q %s", tu.Step, tu.Sent, tu.Text(), where)
}
