package runner

import (
	"context"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// Customer is where the customer's next turn comes from: the scenario's
// scripted turns, an LLM playing the persona, or a recording. history holds
// the turns played so far (already redacted), oldest first. A turn is a
// text or any other kind the scenario schema has (a voice note, a photo, a
// tap, a burst); an LLM customer that only writes gives scenario.Text.
// done says the customer has nothing more to say; source names where the
// turn came from, as transcript.Turn.Source does: opening | scripted | llm
// | replay | generated.
type Customer interface {
	Next(ctx context.Context, sc *scenario.Scenario, history []transcript.Turn) (turn scenario.Turn, source string, done bool, err error)
}

// Scripted plays the scenario's own turns in order: the opening, then its
// scripted turns. It is the offline customer: deterministic, no model.
type Scripted struct{}

// Next implements Customer.
func (Scripted) Next(_ context.Context, sc *scenario.Scenario, history []transcript.Turn) (scenario.Turn, string, bool, error) {
	script := sc.Script()
	n := len(history)
	if n >= len(script) {
		return scenario.Turn{}, "", true, nil
	}
	if n == 0 {
		return script[0], "opening", false, nil
	}
	return script[n], "scripted", false, nil
}
