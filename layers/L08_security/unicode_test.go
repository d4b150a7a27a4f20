package l08security_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every unicode trick of the corpus (zero-width characters inside
// keywords, right-to-left overrides, homoglyphs, combining marks and
// zalgo, control characters, NUL, emoji sequences, noncharacters, a
// grapheme cluster thousands of runes long) is sent by a new customer: the
// webhook takes it with a 2xx, the bot answers with a real reply that
// leaks nothing, and it stays healthy for the next customer.
func TestUnicodeTricksAreAnsweredWithoutBreakingTheBot(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	group(t, "each trick", func(t *testing.T) {
		for _, a := range fixtures.MustCorpus(fixtures.CorpusUnicode) {
			t.Run(a.Name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				tu := tg.Say(t, phone, a.Payload) // a non-2xx fails here, quoting the answer
				what := "the unicode trick " + a.Name
				assertAnswered(t, tu, what)
				assertSafeTurn(t, m, tu, tg.Session(t, phone).Phase, what)
			})
		}
	})
	testutil.AssertHealthy(t, tg, "the unicode corpus")
	phone := tg.Phone(t)
	tu := take(t, tg, phone, tg.HappyPath(t, "")[0], nil)
	assertAnswered(t, tu, "a plain first message after the unicode corpus")
}
