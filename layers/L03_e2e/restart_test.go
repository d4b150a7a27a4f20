package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// Not parallel: it restarts the bot. OpenPrivate gives an embedded bot of
// its own, so other tests are not disturbed; a local bot is restarted with
// the manifest's target.restart, or the test skips saying so.
func TestASessionSurvivesABotRestart(t *testing.T) {
	tg := testutil.OpenPrivate(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	if len(path) < 3 {
		t.Skipf("%s: the happy path has %d steps; a restart needs one before and one after", m.File(), len(path))
	}
	before, after := path[:len(path)/2], path[len(path)/2]
	phone := tg.Phone(t)
	drive(t, tg, phone, before, nil)
	held := tg.Session(t, phone)
	require.Equal(t, m.StateAfter(before), held.State, "precondition: the walk reached %q", m.StateAfter(before))
	repliesBefore := tg.Replies(t, phone)
	var data string
	if m.Observe.SessionDataSQL != "" {
		data = tg.SessionData(t, phone)
	}

	tg.Restart(t)

	assert.Equal(t, held, tg.Session(t, phone), "the session as stored must be the same right after the restart")
	assert.Equal(t, repliesBefore, tg.Replies(t, phone), "the replies sent before the restart must still be stored")
	tu := tg.Say(t, phone, testutil.Utterance(t, m, after.Intent, ""))
	s := tg.Session(t, phone)
	assert.Equal(t, after.State, s.State,
		"%s: before the restart the session was in %q, and graph says %s --%s--> %s; the bot lost the session", tu.Quote(), held.State, held.State, after.Intent, after.State)
	want := m.PhasesAlong(path[:len(before)+1])
	got := tg.PhasePath(t, phone)
	assert.Equal(t, want, collapse(got), "the phase path must continue across the restart, not start again at %q: %v", m.PhaseOf(m.Graph.Initial), got)
	if m.Observe.SessionDataSQL != "" {
		for _, st := range before {
			if v := testutil.Utterance(t, m, st.Intent, ""); contains(data, v) {
				assert.Contains(t, tg.SessionData(t, phone), v, "%q, stored before the restart, is gone from the session data after it", v)
			}
		}
	}
}
