package l12crossproduct_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/langguess"
	"github.com/caas-testing/caas-testing/testutil"
)

// A customer who writes Spanish is answered in Spanish, one who writes
// English in English: through the start of the conversation and the
// requests any customer may make in any state. The language of each reply
// is told by its stopwords (langguess.Guess); a reply too short to
// tell is not counted, and at least a few must be.
func TestTheBotAnswersInTheCustomersLanguage(t *testing.T) {
	t.Parallel()
	forEachBotAndLanguage(t, func(t *testing.T, tg *testutil.Target, lang string) {
		if !langguess.Knows(lang) {
			t.Skipf("the language guess knows %v, not %s (persona.languages of %s)", langguess.Languages, lang, tg.M.File())
		}
		m := tg.M
		mid := dataState(t, m)
		phone := tg.Phone(t)
		var turns []*testutil.Turn
		for _, l := range tg.DriveTo(t, phone, mid, lang) {
			turns = append(turns, l.Turn)
		}
		for _, intent := range []string{"help", "privacy", "are_you_bot", "human", "wrong_product", "hostile", "gdpr_access"} {
			if text := m.Utterance(intent, lang); text != "" {
				turns = append(turns, tg.Say(t, phone, text))
			}
		}
		told := 0
		for _, tu := range turns {
			got := langguess.Guess(tu.Text())
			if got == "" {
				continue
			}
			told++
			assert.Equal(t, lang, got, "%s: the customer writes %s, the reply reads as %s (stopwords %v) (wrong-language)", tu.Quote(), lang, got, langguess.Scores(tu.Text()))
		}
		require.GreaterOrEqual(t, told, 3, "at least three replies must be long enough to tell their language; %d of %d were", told, len(turns))
		assert.Equal(t, lang, tg.Session(t, phone).Language, "the session must store the customer's language")
	})
}
