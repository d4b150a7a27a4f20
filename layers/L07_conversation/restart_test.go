package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheRestartKeywordReturnsToTheInitialStateFromEveryState(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	to := needGlobal(t, m, "restart")
	require.Equal(t, m.Graph.Initial, to, "%s: intents.global.restart leads to %q, not to graph.initial", m.File(), to)

	xs := explore(t, tg, tg.Language(""), testutil.GlobalEdges, "restart")
	testutil.ReportExplorations(t, xs, func(t *testing.T, x testutil.Exploration) {
		if x.Landing.From.OptedOut {
			return // opted out, restart is ignored until the customer opts back in (checked by the landing)
		}
		assert.Equal(t, m.Graph.Initial, x.Landing.Got.State, "restart in %s: %s", x.From, x.Landing.Turn.Quote())
		assert.NotEmpty(t, x.Landing.Turn.Replies, "restart in %s was not answered: %s", x.From, x.Landing.Turn.Quote())
	})
}

func TestAfterARestartConsentIsAskedForAgain(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	needGlobal(t, m, "restart")
	needConsentRules(t, m)
	lang := tg.Language("")

	// From the deepest state of the happy path, restart, then walk the
	// happy path again: it must pass through the consent state, not jump
	// over it because consent was given before.
	path := tg.HappyPath(t, lang)
	var consentState string
	for _, st := range path {
		if m.PhaseOf(st.State) == m.Graph.ConsentPhase {
			consentState = st.State
			break
		}
	}
	if consentState == "" {
		t.Skipf("%s: the happy path %s never enters graph.consent_phase %q", m.File(), bots.Route(m.Graph.Initial, path), m.Graph.ConsentPhase)
	}
	deepest := path[len(path)-1].State
	for i, st := range path {
		if tg.IsEvent(st.Intent) || m.IsTerminal(st.State) {
			break // stay in the conversation, before payment and its end
		}
		deepest = path[i].State
	}
	phone := tg.Phone(t)
	tg.DriveTo(t, phone, deepest, lang)
	require.True(t, granted(t, tg, phone), "walking to %s, the customer gave consent, yet none is recorded", deepest)
	l := tg.Move(t, phone, "restart", lang)
	require.NoError(t, l.Err())

	tg.DriveTo(t, phone, consentState, lang)
	s := tg.Session(t, phone)
	assert.Equal(t, consentState, s.State, "after a restart the walk to the consent state must land on it")
}
