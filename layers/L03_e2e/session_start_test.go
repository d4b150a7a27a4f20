package l03e2e_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestAFirstMessageFromANewPhoneStartsASessionAtTheInitialPhase(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	first := testutil.TypedPath(t, m, "")[0]
	phone := tg.Phone(t)
	require.False(t, tg.Session(t, phone).Exists, "a fresh test phone %s must have no session before its first message", phone)

	tu := tg.Say(t, phone, testutil.Utterance(t, m, first.Intent, ""))

	s := tg.Session(t, phone)
	require.True(t, s.Exists, "%s: the first message from %s created no session of its own (observe.session_sql found none)", tu.Quote(), phone)
	path := tg.PhasePath(t, phone)
	if assert.NotEmpty(t, path, "%s: the new session has no phase path", tu.Quote()) {
		assert.Equal(t, m.PhaseOf(m.Graph.Initial), path[0],
			"the phase path %v of a new session must start at the phase of graph.initial %q", path, m.Graph.Initial)
	}
	assert.Equal(t, first.State, s.State, "%s: graph says %s --%s--> %s", tu.Quote(), m.Graph.Initial, first.Intent, first.State)
	assert.Equal(t, m.PhaseOf(first.State), s.Phase, "%s: the session's phase must be the phase of its state %q", tu.Quote(), s.State)
	assert.True(t, slices.Contains(m.Persona.Languages, s.Language),
		"the new session's language %q is not one of persona.languages %v", s.Language, m.Persona.Languages)
	assert.False(t, s.OptedOut, "a new session must not start opted out")
	if assert.NotEmpty(t, tu.Replies, "%s: a first message must be answered", tu.Quote()) {
		assert.Regexp(t, invitesToGoOn, tu.Text(), "%s: the first reply must invite the customer to go on (a question or what to write next)", tu.Quote())
	}
}
