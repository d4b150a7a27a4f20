package runner_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// The bot under test's shipped scenarios with a burst (several messages
// sent before the bot is waited for): the bot must take them in the order
// they were sent and answer each once.
func TestABurstKeepsItsOrderAndGetsNoDuplicateReply(t *testing.T) {
	m := testutil.Manifest(t)
	all, err := scenario.LoadBot(testutil.ScenarioRoot(), m.Name)
	require.NoError(t, err)
	var scs []*scenario.Scenario
	for _, sc := range all {
		if burstAt(sc) > 0 {
			scs = append(scs, sc)
		}
	}
	if len(scs) == 0 {
		t.Skipf("sim/scenarios/%s has no scenario with a burst turn (turns: - burst: [...]); write one to check how the bot takes rapid-fire messages", m.Name)
	}
	if m.Observe.InboundSQL == "" {
		t.Skipf("%s: observe.inbound_sql is empty, so the order in which the bot stored the messages cannot be read", m.File())
	}
	tg := testutil.Open(t).Target
	dir := t.TempDir()
	watch := &inboundWatcher{tg: tg, dir: dir, stored: map[string][]string{}}
	sum, err := runner.Run(context.Background(), tg, scs, runner.Options{RunID: "burst", Dir: dir, Customer: watch})
	require.NoError(t, err)
	require.NoError(t, watch.err)
	for _, res := range sum.Scenarios {
		t.Run(res.ID, func(t *testing.T) {
			require.NoError(t, res.Err)
			tr := read(t, dir, res.ID)
			for _, tn := range tr.Turns {
				if tn.Type != scenario.TurnBurst {
					continue
				}
				stored := watch.stored[fmt.Sprintf("%s/%d", res.ID, tn.N)]
				require.GreaterOrEqual(t, len(stored), len(tn.Parts), "turn %d: the bot stored %d messages, %d were sent", tn.N, len(stored), len(tn.Parts))
				assert.Equal(t, tn.Parts, stored[len(stored)-len(tn.Parts):], "turn %d: the bot took the burst in another order than it was sent", tn.N)
				seen := map[string]int{}
				for i, r := range tn.Replies {
					if first, dup := seen[r]; dup {
						t.Errorf("turn %d: reply %d repeats reply %d of the same burst: %q", tn.N, i+1, first+1, r)
					}
					seen[r] = i
				}
				assert.NotEmpty(t, tn.Replies, "turn %d: a burst of %d messages got no reply", tn.N, len(tn.Parts))
			}
		})
	}
}

// burstAt is the 1-based turn of the scenario's first burst, 0 for none.
func burstAt(sc *scenario.Scenario) int {
	for i, tn := range sc.Script() {
		if tn.Type() == scenario.TurnBurst {
			return i + 1
		}
	}
	return 0
}

// inboundWatcher is the scripted customer that, before the turn after a
// burst, reads the messages the bot stored for the scenario's phone (the
// runner deletes them when the scenario ends). The phone is in the
// transcript's header, which the runner writes before the first turn.
type inboundWatcher struct {
	tg     *botclient.Target
	dir    string
	mu     sync.Mutex
	stored map[string][]string // "<scenario>/<burst turn>" -> the bot's inbound bodies
	err    error
}

func (w *inboundWatcher) Next(ctx context.Context, sc *scenario.Scenario, h []transcript.Turn) (scenario.Turn, string, bool, error) {
	if n := len(h); n > 0 && h[n-1].Type == scenario.TurnBurst {
		w.record(ctx, sc.ID, h[n-1].N)
	}
	turn, source, done, err := runner.Scripted{}.Next(ctx, sc, h)
	return turn, source, done, err
}

func (w *inboundWatcher) record(ctx context.Context, id string, n int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	tr, err := transcript.Read(runner.TranscriptPath(w.dir, id))
	if err != nil {
		w.err = errors.Join(w.err, err)
		return
	}
	rows, err := w.tg.Inbound(ctx, tr.Header.Phone)
	if err != nil {
		w.err = errors.Join(w.err, err)
		return
	}
	bodies := make([]string, len(rows))
	for i, r := range rows {
		bodies[i] = r.Body
	}
	w.stored[fmt.Sprintf("%s/%d", id, n)] = bodies
}
