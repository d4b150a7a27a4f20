package l07conversation_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// needConsentRules skips a test when the manifest does not say where consent
// is asked or which phases collect personal data.
func needConsentRules(t testing.TB, m *bots.Manifest) int {
	t.Helper()
	if m.Graph.ConsentPhase == "" || len(m.Graph.PersonalDataPhases) == 0 {
		t.Skipf("%s: graph.consent_phase or graph.personal_data_phases is empty, so there is no consent rule to check", m.File())
	}
	at := m.PhaseIndex(m.Graph.ConsentPhase)
	require.GreaterOrEqual(t, at, 0, "%s: graph.consent_phase %q is not in graph.phases", m.File(), m.Graph.ConsentPhase)
	return at
}

// assertNoDataBeforeConsent checks the rule after a move: the session may be
// in a personal-data phase only once a granted consent is recorded.
func assertNoDataBeforeConsent(t *testing.T, tg *testutil.Target, l *testutil.Landing) bool {
	t.Helper()
	if !slices.Contains(tg.M.Graph.PersonalDataPhases, l.Got.Phase) || granted(t, tg, l.Phone) {
		return true
	}
	return assert.Fail(t, "personal data asked for before consent",
		"in state %s, intent %s: %s; the session entered state %s in personal-data phase %q while no granted consent is recorded (graph.consent_phase %q comes first)",
		l.From.State, l.Intent, l.Turn.Quote(), l.Got.State, l.Got.Phase, tg.M.Graph.ConsentPhase)
}

func TestPersonalDataIsNeverAskedForBeforeConsent(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	consentAt := needConsentRules(t, m)
	lang := tg.Language("")

	// Every state up to and including the consent phase, walked move by
	// move: the rule is checked after each move, before the move's own
	// landing, so a bot that skips consent is named for that.
	var states []string
	for _, s := range m.Reachable() {
		if at := m.PhaseIndex(m.PhaseOf(s)); at >= 0 && at <= consentAt {
			states = append(states, s)
		}
	}
	require.NotEmpty(t, states, "%s: no reachable state is in or before graph.consent_phase %q", m.File(), m.Graph.ConsentPhase)
	for _, state := range states {
		t.Run("on_the_way_to_"+state, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			path := m.ShortestPath(m.Graph.Initial, state)
			for _, st := range path {
				l := tg.Move(t, phone, st.Intent, lang)
				if !assertNoDataBeforeConsent(t, tg, l) {
					return
				}
				require.NoError(t, l.Err(), "walking %s", bots.Route(m.Graph.Initial, path))
			}
			// Once there, the customer's global questions must not move
			// them into personal data either.
			for _, intent := range []string{"help", "privacy", "are_you_bot"} {
				if _, ok := m.Intents.Global[intent]; ok && tg.Drivable(intent, lang) {
					assertNoDataBeforeConsent(t, tg, tg.Move(t, phone, intent, lang))
				}
			}
		})
	}
}

func TestACustomerWhoDeclinesConsentIsNeverMovedIntoPersonalData(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	needConsentRules(t, m)
	lang := tg.Language("")

	// The ways out of a consent state that do not lead into personal data
	// are the refusals; after one, the first personal-data answer the happy
	// path would give must not be taken as data.
	path := tg.HappyPath(t, lang)
	var dataIntent string // the happy path's first answer given in a personal-data state
	for i := 0; i+1 < len(path); i++ {
		if slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(path[i].State)) {
			dataIntent = path[i+1].Intent
			break
		}
	}
	var refusals []bots.Edge
	for _, e := range m.Edges(bots.OwnEdges) {
		if m.PhaseOf(e.From) == m.Graph.ConsentPhase && !slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(e.To)) {
			refusals = append(refusals, e)
		}
	}
	if len(refusals) == 0 {
		t.Skipf("%s: no state in graph.consent_phase %q has a way out that avoids personal data (a refusal)", m.File(), m.Graph.ConsentPhase)
	}
	for _, refusal := range refusals {
		t.Run("after_"+refusal.Intent+"_in_"+refusal.From, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			tg.DriveTo(t, phone, refusal.From, lang)
			l := tg.Move(t, phone, refusal.Intent, lang)
			require.NoError(t, l.Err())
			assert.False(t, granted(t, tg, phone), "the customer refused (%s), yet a granted consent is recorded", l.Turn.Quote())
			if dataIntent == "" {
				return
			}
			text, err := tg.UtteranceOf(dataIntent, lang)
			require.NoError(t, err)
			tu := tg.Say(t, phone, text)
			s := tg.Session(t, phone)
			assert.NotContains(t, m.Graph.PersonalDataPhases, s.Phase, "after refusing consent the customer offered data (%s) and the session moved to %s in personal-data phase %q", tu.Quote(), s.State, s.Phase)
			assert.False(t, granted(t, tg, phone), "no consent was given, yet one is recorded after %s", tu.Quote())
		})
	}
}
