package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheSessionsPhaseAdvancesAndIsPersistedAsTheConversationMoves(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	phone := tg.Phone(t)

	for i, st := range path {
		tu := tg.Say(t, phone, testutil.Utterance(t, m, st.Intent, ""))
		s := tg.Session(t, phone)
		from := m.StateBefore(path, i)
		if !assert.Equal(t, st.State, s.State, "turn %d: %s: graph says %s --%s--> %s", i+1, tu.Quote(), from, st.Intent, st.State) {
			break // the rest of the walk would only repeat this failure
		}
		assert.Equal(t, m.PhaseOf(st.State), s.Phase, "turn %d: %s: state %q belongs to phase %q", i+1, tu.Quote(), st.State, m.PhaseOf(st.State))
		got := tg.PhasePath(t, phone)
		if assert.NotEmpty(t, got, "turn %d: no phase path stored", i+1) {
			assert.Equal(t, s.Phase, got[len(got)-1], "turn %d: the phase path %v must end at the session's phase", i+1, got)
		}
	}
	assert.Equal(t, m.PhasesAlong(path), collapse(tg.PhasePath(t, phone)),
		"the stored phase path must be the manifest's phases along %s -> %s", m.Graph.Initial, m.StateAfter(path))
}
