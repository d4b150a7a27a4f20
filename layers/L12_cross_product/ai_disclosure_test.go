package l12crossproduct_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// EU AI Act art. 50: a customer who asks whether they are talking to a
// machine is told the truth, in their language, wherever they are in the
// conversation.
func TestAskingIfItIsABotGetsAnAIDisclosureAndNeverAHumanClaim(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		if _, ok := m.Intents.Global["are_you_bot"]; !ok {
			t.Skipf("%s: intents.global has no are_you_bot intent", m.File())
		}
		if m.Persona.MustDiscloseAI && len(m.Patterns().AIDisclosure) == 0 {
			t.Fatalf("%s: persona.must_disclose_ai is true but persona.ai_disclosure is empty: say what a disclosure looks like", m.File())
		}
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			for _, state := range places(t, m) {
				t.Run("in_"+state, func(t *testing.T) {
					t.Parallel()
					phone := phoneIn(t, tg, state, lang)
					for _, ask := range testutil.Examples(t, m, "are_you_bot", lang) {
						tu := tg.Say(t, phone, ask)
						requireReply(t, tu, "asking whether it is a bot")
						if m.Persona.MustDiscloseAI {
							_, ok := bots.FirstMatch(m.Patterns().AIDisclosure, tu.Text())
							assert.True(t, ok, "%s: persona.must_disclose_ai, but the reply matches none of persona.ai_disclosure of %s", tu.Quote(), m.File())
						}
						assertNoHumanClaim(t, m, tu)
						assertKeepsState(t, tg, phone, state, tu, "asking whether it is a bot")
					}
				})
			}
		})
	})
}
