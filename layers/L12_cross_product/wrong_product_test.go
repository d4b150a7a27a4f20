package l12crossproduct_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// A customer who takes the bot for something else (a restaurant, a bank,
// the other product) is told politely what this bot is: the reply names
// the bot, is not the re-prompt the bot gives to nonsense, promises
// nothing, discloses nothing early, and the conversation stays where it was.
func TestAnOutOfScopeRequestIsRedirectedPolitely(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		if _, ok := m.Intents.Global["wrong_product"]; !ok {
			t.Skipf("%s: intents.global has no wrong_product intent", m.File())
		}
		names := []string{m.Persona.BotName, m.DisplayName}
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			for _, state := range places(t, m) {
				t.Run("in_"+state, func(t *testing.T) {
					t.Parallel()
					// What the bot says to nonsense here, on a phone of its own
					// so that it cannot move this one.
					var fallback string
					if u := m.Utterance(m.Intents.Fallback, lang); u != "" {
						fallback = tg.Say(t, phoneIn(t, tg, state, lang), u).Text()
					}
					phone := phoneIn(t, tg, state, lang)
					for _, ask := range testutil.Examples(t, m, "wrong_product", lang) {
						tu := tg.Say(t, phone, ask)
						requireReply(t, tu, "an out-of-scope request")
						assert.True(t, mentionsAny(tu.Text(), names), "%s: a redirect must say who the customer is talking to (persona.bot_name or display_name of %s: %v)", tu.Quote(), m.File(), names)
						if fallback != "" {
							assert.NotEqual(t, fallback, tu.Text(), "%s: an out-of-scope request must be redirected, not answered with the re-prompt the bot gives to nonsense", tu.Quote())
						}
						if match, ok := bots.FirstMatch(m.Patterns().FalsePromises, tu.Text()); ok {
							assert.Fail(t, "a redirect makes a promise", "%s: %q matches safety.false_promises of %s", tu.Quote(), match, m.File())
						}
						phase := tg.Session(t, phone).Phase
						for _, l := range m.Leaks(phase, tu.Text()) {
							assert.Fail(t, "a redirect discloses too early", "%s: tells the %s (%q) in phase %s, allowed only from %s", tu.Quote(), l.What, l.Match, phase, l.AllowedFrom)
						}
						assertKeepsState(t, tg, phone, state, tu, "an out-of-scope request")
					}
				})
			}
		})
	})
}

func mentionsAny(text string, names []string) bool {
	for _, n := range names {
		if n != "" && strings.Contains(strings.ToLower(text), strings.ToLower(n)) {
			return true
		}
	}
	return false
}
