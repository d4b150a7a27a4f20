package l07conversation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheHappyPathVisitsThePhasesInTheManifestsOrder(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	path := tg.HappyPath(t, "") // in the default language
	m, end := tg.M, tg.M.StateAfter(path)
	phone := tg.Phone(t)

	// Each step is said (or, for a payment, sent as a signed Stripe event)
	// and must land where the graph says before the next one means anything.
	for _, st := range path {
		l := tg.Move(t, phone, st.Intent, "")
		require.NoError(t, l.Err(), "the happy path %s -> %s", m.Graph.Initial, end)
	}

	got := tg.PhasePath(t, phone)
	require.NotEmpty(t, got, "the bot stored no phase path for a conversation that went %s -> %s", m.Graph.Initial, end)
	for i := 1; i < len(got); i++ {
		prev, cur := m.PhaseIndex(got[i-1]), m.PhaseIndex(got[i])
		assert.GreaterOrEqual(t, cur, 0, "stored phase %q (entry %d of %v) is not in graph.phases %v", got[i], i+1, got, m.Graph.Phases)
		assert.GreaterOrEqual(t, cur, prev, "the stored phase path %v goes back from %q to %q on the happy path; graph.phases orders them %v", got, got[i-1], got[i], m.Graph.Phases)
	}
	want := m.PhasesAlong(path)
	// A bot may record one row per state change or one per phase change:
	// both tell the same story once repeats are dropped.
	collapsed := slices.Compact(slices.Clone(got))
	assert.Equal(t, want, collapsed, "the stored phase path must visit the manifest's phases along %s (happy path %s)", strings.Join(want, " -> "), bots.Route(m.Graph.Initial, path))
	assert.Equal(t, m.PhaseOf(end), got[len(got)-1], "the happy path ends in %s, so the last stored phase must be its phase", end)
}
