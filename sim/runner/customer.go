package runner

import (
	"context"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// Customer is where the customer's next message comes from: the scenario's
// scripted turns, an LLM playing the persona, or a recording. history holds
// the turns played so far (already redacted), oldest first. done says the
// customer has nothing more to say; source names where text came from, as
// transcript.Turn.Source does: opening | scripted | llm | replay | generated.
type Customer interface {
	Next(ctx context.Context, sc *scenario.Scenario, history []transcript.Turn) (text, source string, done bool, err error)
}

// Scripted plays the scenario's own messages in order: the opening, then
// its scripted turns. It is the offline customer: deterministic, no model.
type Scripted struct{}

// Next implements Customer.
func (Scripted) Next(_ context.Context, sc *scenario.Scenario, history []transcript.Turn) (string, string, bool, error) {
	msgs := sc.Messages()
	n := len(history)
	if n >= len(msgs) {
		return "", "", true, nil
	}
	if n == 0 {
		return msgs[0], "opening", false, nil
	}
	return msgs[n], "scripted", false, nil
}
