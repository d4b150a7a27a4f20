package l12crossproduct_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// GDPR art. 13: before consenting, the customer can read how long the data
// is kept and where it goes, both in the privacy notice and in the consent
// text itself, as the bot recorded what the customer agreed to.
func TestThePrivacyNoticeAndTheConsentNameRetentionAndTransfers(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		c := m.Patterns()
		if len(c.Retention) == 0 || len(c.Transfer) == 0 {
			t.Skipf("%s: safety.retention_patterns or safety.transfer_patterns is empty, so there is nothing to hold the notice to", m.File())
		}
		consentState, accept := consentAsk(m)
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			phone := tg.Phone(t)
			notice := tg.Say(t, phone, testutil.Utterance(t, m, "privacy", lang))
			requireReply(t, notice, "asking for the privacy policy")
			assertNamesRetentionAndTransfers(t, m, "the privacy notice: "+notice.Quote(), notice.Text())

			if consentState == "" {
				t.Skipf("%s: no state of graph.consent_phase %q has an accept intent, so no consent can be given", m.File(), m.Graph.ConsentPhase)
			}
			asked := tg.DriveTo(t, phone, consentState, lang)
			require.NotEmpty(t, asked, "the phone must be driven to %s", consentState)
			prompt := asked[len(asked)-1].Turn
			assertNamesRetentionAndTransfers(t, m, "the consent request: "+prompt.Quote(), prompt.Text())

			tu := tg.Take(t, phone, accept, lang)
			consents := tg.Consents(t, phone)
			require.NotEmpty(t, consents, "%s: consenting must leave a consent on record (observe.consent_sql)", tu.Quote())
			for i, ct := range consents {
				assertNamesRetentionAndTransfers(t, m, fmt.Sprintf("consent %d on record (granted %v), showing %q", i+1, ct.Granted, ct.Text), ct.Text)
			}
		})
	})
}

// consentAsk is the state of graph.consent_phase where consent is given,
// and its accepting intent ("" when the manifest has none).
func consentAsk(m *bots.Manifest) (state, accept string) {
	for _, st := range m.Reachable() {
		s := m.Graph.States[st]
		if s.Phase != m.Graph.ConsentPhase {
			continue
		}
		if _, ok := s.On["accept"]; ok {
			return st, "accept"
		}
	}
	return "", ""
}

func assertNamesRetentionAndTransfers(t *testing.T, m *bots.Manifest, what, text string) {
	t.Helper()
	c := m.Patterns()
	_, ok := bots.FirstMatch(c.Retention, text)
	assert.True(t, ok, "%s: names no retention period (none of safety.retention_patterns of %s matches)", what, m.File())
	_, ok = bots.FirstMatch(c.Transfer, text)
	assert.True(t, ok, "%s: does not say where the data goes (none of safety.transfer_patterns of %s matches)", what, m.File())
}
