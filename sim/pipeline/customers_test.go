package pipeline_test

import (
	"context"
	"errors"

	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// failingCustomer is the scripted customer, failing at one turn of every scenario.
type failingCustomer struct{ atTurn int }

func (f failingCustomer) Next(ctx context.Context, sc *scenario.Scenario, h []transcript.Turn) (scenario.Turn, string, bool, error) {
	if len(h)+1 == f.atTurn {
		return scenario.Turn{}, "", false, errors.New("out of words")
	}
	return runner.Scripted{}.Next(ctx, sc, h)
}

// cancellingCustomer cancels the run (as Ctrl-C does) before a turn.
type cancellingCustomer struct {
	atTurn int
	cancel context.CancelFunc
}

func (c cancellingCustomer) Next(ctx context.Context, sc *scenario.Scenario, h []transcript.Turn) (scenario.Turn, string, bool, error) {
	if len(h)+1 == c.atTurn {
		c.cancel()
	}
	return runner.Scripted{}.Next(ctx, sc, h)
}
