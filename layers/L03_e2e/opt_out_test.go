package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestAnOptOutIsPersistedInTheSessionUntilTheCustomerComesBack(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	stopped, ok := m.Intents.Global["stop"]
	if !ok {
		t.Skipf("%s: intents.global has no stop intent", m.File())
	}
	path := testutil.TypedPath(t, m, "")
	phone := tg.Phone(t)
	drive(t, tg, phone, path[:1], nil)

	stop := tg.Say(t, phone, testutil.Utterance(t, m, "stop", ""))
	s := tg.Session(t, phone)
	assert.True(t, s.OptedOut, "%s: the session must be stored as opted out", stop.Quote())
	if stopped != "" {
		assert.Equal(t, stopped, s.State, "%s: intents.global says stop leads to %q", stop.Quote(), stopped)
		assert.Equal(t, m.PhaseOf(stopped), lastOr(tg.PhasePath(t, phone)), "the phase path must record the move to %q", stopped)
	}

	later := tg.Say(t, phone, testutil.Utterance(t, m, "help", ""))
	assert.Empty(t, later.Replies, "%s: an opted-out customer must get nothing", later.Quote())
	assert.True(t, tg.Session(t, phone).OptedOut, "%s: a later message must not undo the opt-out", later.Quote())

	back, ok := m.Graph.States[stopped]
	if stopped == "" || !ok || back.On["start"] == "" {
		return // the manifest offers no way back in to check
	}
	tu := tg.Say(t, phone, testutil.Utterance(t, m, "start", ""))
	s = tg.Session(t, phone)
	require.False(t, s.OptedOut, "%s: opting back in must be stored", tu.Quote())
	assert.Equal(t, back.On["start"], s.State, "%s: graph says %s --start--> %s", tu.Quote(), stopped, back.On["start"])
}

func lastOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}
