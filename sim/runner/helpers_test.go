package runner_test

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// bot is the embedded reference bot playing cambialeon, shared by the
// package's tests (each scenario gets its own phone).
func bot(t testing.TB) *botclient.Target {
	t.Helper()
	m, err := testutil.Bots().Load("cambialeon")
	require.NoError(t, err)
	return testutil.OpenBot(t, m).Target
}

// scenarios loads testdata/<dir>/*.yaml, in file name order.
func scenarios(t testing.TB, dir string) []*scenario.Scenario {
	t.Helper()
	scs, err := scenario.LoadDir(filepath.Join("testdata", dir))
	require.NoError(t, err)
	require.NotEmpty(t, scs)
	return scs
}

func only(t testing.TB, dir, id string) []*scenario.Scenario {
	t.Helper()
	for _, sc := range scenarios(t, dir) {
		if sc.ID == id {
			return []*scenario.Scenario{sc}
		}
	}
	t.Fatalf("no scenario %s in testdata/%s", id, dir)
	return nil
}

func read(t testing.TB, runDir, id string) *transcript.Transcript {
	t.Helper()
	tr, err := transcript.Read(runner.TranscriptPath(runDir, id))
	require.NoError(t, err)
	return tr
}

// countingCustomer is the scripted customer, counting the messages it
// gives per scenario, and optionally acting before one of them.
type countingCustomer struct {
	mu     sync.Mutex
	calls  map[string]int
	before func(id string, n int) // n is the 1-based turn about to be played
}

func (c *countingCustomer) Next(ctx context.Context, sc *scenario.Scenario, history []transcript.Turn) (scenario.Turn, string, bool, error) {
	turn, source, done, err := runner.Scripted{}.Next(ctx, sc, history)
	if done || err != nil {
		return turn, source, done, err
	}
	c.mu.Lock()
	if c.calls == nil {
		c.calls = map[string]int{}
	}
	c.calls[sc.ID]++
	c.mu.Unlock()
	if c.before != nil {
		c.before(sc.ID, len(history)+1)
	}
	return turn, source, done, err
}

func (c *countingCustomer) count(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[id]
}

// lockedBuffer is a progress writer the test can read while nothing writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
