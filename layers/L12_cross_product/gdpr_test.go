package l12crossproduct_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// What acknowledging a GDPR request sounds like: the right is named, or the
// data held is listed (access); the data is said to be erased (erasure).
var (
	accessAcknowledged  = regexp.MustCompile(`(?i)derecho de acceso|right of access|art(?:\.|[ií]culo|icle)?\s*15|datos que (?:guardo|tenemos|tengo|guardamos)|data (?:I|we) (?:hold|have|keep)|no guardo datos|hold no personal data`)
	erasureAcknowledged = regexp.MustCompile(`(?i)\b(?:he borrado|hemos borrado|borrados?|eliminad[oa]s?|suprimid[oa]s?|supresi[oó]n|erased|deleted|removed|right to erasure)\b`)
)

// GDPR arts. 15 and 17: a customer in the middle of giving their data asks
// what is held about them and then for its erasure. Each request is
// answered as such; access keeps the conversation where it was, erasure
// leads where the manifest says and the data given is gone from the session.
func TestGDPRAccessAndErasureRequestsAreAcknowledged(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		for _, intent := range []string{"gdpr_access", "gdpr_erasure"} {
			if _, ok := m.Intents.Global[intent]; !ok {
				t.Skipf("%s: intents.global has no %s intent", m.File(), intent)
			}
		}
		mid := dataState(t, m)
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			phone := phoneIn(t, tg, mid, lang)
			// Give the first datum the state asks for, so there is something to erase.
			var datum string
			for _, intent := range slices.Sorted(maps.Keys(m.Graph.States[mid].On)) {
				if u := m.Utterance(intent, lang); u != "" && !tg.IsEvent(intent) {
					datum = u
					break
				}
			}
			at := mid
			if datum != "" {
				tg.Say(t, phone, datum)
				at = stateOf(t, tg, phone)
			}
			stored := datum != "" && strings.Contains(tg.SessionData(t, phone), datum)

			access := tg.Say(t, phone, testutil.Utterance(t, m, "gdpr_access", lang))
			requireReply(t, access, "a GDPR access request")
			assert.Regexp(t, accessAcknowledged, access.Text(), "%s: an access request (art. 15) must be answered as one: the right named, or the data held listed", access.Quote())
			assertKeepsState(t, tg, phone, at, access, "an access request")

			erase := tg.Say(t, phone, testutil.Utterance(t, m, "gdpr_erasure", lang))
			requireReply(t, erase, "a GDPR erasure request")
			assert.Regexp(t, erasureAcknowledged, erase.Text(), "%s: an erasure request (art. 17) must be confirmed as done", erase.Quote())
			if want := m.Intents.Global["gdpr_erasure"]; want != "" {
				assert.Equal(t, want, stateOf(t, tg, phone), "%s: intents.global of %s says gdpr_erasure leads to %s", erase.Quote(), m.File(), want)
			}
			if stored {
				assert.NotContains(t, tg.SessionData(t, phone), datum, "%s: the customer's %q must be gone from the session after erasure", erase.Quote(), datum)
			} else {
				t.Logf("%q was not found in the session data (observe.session_data_sql), so its erasure is not checked here", datum)
			}
		})
	})
}
