package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/pipeline"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// A bot whose listener dies mid-run leaves scenarios that say nothing
// about the bot: they are errored, not regressed, and a resume after the
// bot is back plays exactly them.
func TestAListenerKilledMidRunErrorsTheCutScenariosAndAResumeScoresThem(t *testing.T) {
	ctx := context.Background()
	m := testutil.Manifest(t)
	tg := testutil.OpenPrivate(t)
	opt := pipeline.Options{Manifest: m, Brief: brief, ReportsDir: t.TempDir(), Target: tg.Target, Concurrency: 1}

	clean := opt
	clean.RunID = "clean"
	before, err := pipeline.Run(ctx, clean)
	require.NoError(t, err, "a clean run to compare with")
	require.Len(t, before.Results, 5)

	cut := opt
	cut.RunID = "cut"
	killer := &killingCustomer{atScenario: 3, atTurn: 4, stop: func() error { return tg.Stop(ctx) }}
	cut.Customer = killer
	sum, err := pipeline.Run(ctx, cut)
	if errors.Is(killer.err, botclient.ErrCannotRestart) {
		t.Skipf("%s: %v; this test needs a bot the suite can stop and start again", m.File(), killer.err)
	}
	require.NoError(t, killer.err)
	require.ErrorIs(t, err, pipeline.ErrErrored, "the report is written, the verdict incomplete")
	require.Len(t, sum.Results, 2, "the two scenarios played before the kill are scored")
	require.Len(t, sum.Errored, 3, "the cut scenario and the two after it are errored")
	var errored []string
	for _, e := range sum.Errored {
		errored = append(errored, e.ID)
		assert.Contains(t, e.Cause, "connection refused", "%s's cause is the transport", e.ID)
	}
	assert.Equal(t, killer.played[2:], errored, "the scenario cut at turn 4 and every one after it")
	require.NotNil(t, sum.Comparison, "the run is compared with the clean one")
	assert.Empty(t, sum.Comparison.Regressions, "an errored scenario is never a regression")
	assert.Empty(t, sum.Comparison.Removed, "nor a removed one")
	assert.Len(t, sum.Comparison.Deltas, 2)
	var out bytes.Buffer
	sum.Print(&out)
	assert.Contains(t, out.String(), ": 2 scored, average ")
	assert.Contains(t, out.String(), "; 3 errored (not scored)")
	assert.Contains(t, out.String(), "ERRORED "+errored[0]+": turn 4: ")
	assert.NotContains(t, out.String(), "REGRESSED")
	v := sum.Verdict(pipeline.Gate{MinScore: pipeline.DefaultMinScore, FailOn: judge.High})
	assert.False(t, v.Complete())

	require.NoError(t, tg.Target.Restart(ctx), "the bot comes back on the same address and database")
	var replayed countingCustomer
	cut.Customer = &replayed
	sum, err = pipeline.Run(ctx, cut)
	require.NoError(t, err)
	assert.Equal(t, 2, sum.Run.Skipped, "the scored scenarios are kept")
	assert.Equal(t, 3, sum.Run.Played)
	assert.Equal(t, 3, countReplayed(sum.Run))
	assert.ElementsMatch(t, errored, replayed.ids(), "the resume plays exactly the errored scenarios")
	assert.Empty(t, sum.Errored)
	assert.Len(t, sum.Results, 5)
	require.NotNil(t, sum.Comparison)
	assert.Equal(t, "clean", sum.PreviousRunID)
	assert.Empty(t, sum.Comparison.Regressions)
	assert.Equal(t, before.Results, sum.Results, "the resumed run scores what the clean run scored")
	green := pipeline.Gate{MinScore: pipeline.DefaultMinScore, FailOn: judge.High}
	v = sum.Verdict(green)
	assert.True(t, v.Complete())
	assert.False(t, v.Failed(), "the resumed run judges green: %v", v.Lines())
}

// killingCustomer is the scripted customer that stops the bot before turn
// atTurn of the atScenario-th scenario it plays (runs play one at a time).
type killingCustomer struct {
	atScenario, atTurn int
	stop               func() error
	mu                 sync.Mutex
	played             []string // scenario ids in the order first seen
	err                error
}

func (k *killingCustomer) Next(ctx context.Context, sc *scenario.Scenario, h []transcript.Turn) (scenario.Turn, string, bool, error) {
	k.mu.Lock()
	if len(h) == 0 {
		k.played = append(k.played, sc.ID)
	}
	if len(k.played) == k.atScenario && len(h)+1 == k.atTurn {
		k.err = k.stop()
	}
	k.mu.Unlock()
	return runner.Scripted{}.Next(ctx, sc, h)
}

// countingCustomer is the scripted customer recording which scenarios it played.
type countingCustomer struct {
	mu   sync.Mutex
	seen []string
}

func (c *countingCustomer) Next(ctx context.Context, sc *scenario.Scenario, h []transcript.Turn) (scenario.Turn, string, bool, error) {
	if len(h) == 0 {
		c.mu.Lock()
		c.seen = append(c.seen, sc.ID)
		c.mu.Unlock()
	}
	return runner.Scripted{}.Next(ctx, sc, h)
}

func (c *countingCustomer) ids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.seen...)
}
