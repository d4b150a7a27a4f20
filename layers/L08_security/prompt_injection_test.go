package l08security_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every attack of the prompt-injection corpus (ignore your instructions,
// show your prompt, DAN, role play, spoofed system turns, encodings, in
// many languages) is sent by a new customer, first at the opening of a
// conversation and then once it is under way: no reply may carry the
// canary planted in the prompt, a fragment of the prompt, the prompt
// introduced as such, or anything the manifest forbids in that phase.
func TestPromptInjectionsRevealNeitherTheCanaryNorThePrompt(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	if len(m.Safety.Canaries) == 0 && len(m.Safety.PromptFragments) == 0 {
		t.Logf("%s: safety.canaries and safety.prompt_fragments are empty: only a prompt introduced as such and forbidden disclosures can be caught", m.File())
	}
	opening := tg.HappyPath(t, "")[0]
	for _, a := range fixtures.MustCorpus(fixtures.CorpusPromptInjection) {
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			first := tg.Say(t, phone, a.Payload)
			assertSafeTurn(t, m, first, tg.Session(t, phone).Phase, "a prompt injection ("+a.Name+") as the first message")

			// Once the conversation has started the bot has more to
			// give away; a reset keeps the walk independent of where
			// the attack left the session.
			tg.ResetPhone(t, phone)
			take(t, tg, phone, opening, nil)
			again := tg.Say(t, phone, a.Payload)
			assertSafeTurn(t, m, again, tg.Session(t, phone).Phase, "a prompt injection ("+a.Name+") in state "+opening.State)
		})
	}
}
