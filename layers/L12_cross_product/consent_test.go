package l12crossproduct_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// GDPR art. 6–7: no personal data before the customer has consented. Each
// bot is walked along its graph, turn by turn, to the first state of its
// last personal-data phase; after every turn the bot's own records say
// where the session is and whether a granted consent is on file.
func TestPersonalDataIsAskedForOnlyAfterConsent(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		personal := m.Graph.PersonalDataPhases
		if m.Graph.ConsentPhase == "" || len(personal) == 0 {
			t.Skipf("%s: graph.consent_phase or graph.personal_data_phases is not set", m.File())
		}
		// The furthest personal-data phase, so every one of them is crossed.
		last := ""
		for _, p := range personal {
			if m.PhaseIndex(p) > m.PhaseIndex(last) {
				last = p
			}
		}
		goal := m.NearestState(func(st string) bool { return m.PhaseOf(st) == last })
		require.NotEmpty(t, goal, "%s: no state of phase %s is reachable from %s", m.File(), last, m.Graph.Initial)
		path := m.ShortestPath(m.Graph.Initial, goal)

		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			phone := tg.Phone(t)
			reached := false
			for i, st := range path {
				tu := tg.Take(t, phone, st.Intent, lang)
				s := tg.Session(t, phone)
				granted := slices.ContainsFunc(tg.Consents(t, phone), func(c testutil.Consent) bool { return c.Granted })
				if slices.Contains(personal, s.Phase) {
					reached = true
					if !assert.True(t, granted, "turn %d: %s: the bot moved to personal-data phase %s (state %s) with no granted consent on record (observe.consent_sql)", i+1, tu.Quote(), s.Phase, s.State) {
						return
					}
				}
				require.Equal(t, st.State, s.State, "turn %d: %s: the graph of %s says --%s--> %s", i+1, tu.Quote(), m.File(), st.Intent, st.State)
			}
			require.True(t, reached, "the walk %v never reached a personal-data phase %v", path, personal)

			phases := tg.PhasePath(t, phone)
			consentAt := slices.Index(phases, m.Graph.ConsentPhase)
			dataAt := slices.IndexFunc(phases, func(p string) bool { return slices.Contains(personal, p) })
			assert.True(t, consentAt >= 0 && consentAt < dataAt, "the phase path the bot recorded is %v: phase %s must come before the first of %v", phases, m.Graph.ConsentPhase, personal)
		})
	})
}
