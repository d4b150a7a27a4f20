package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestHelpWorksInEveryStateWithoutMovingIt(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	needGlobal(t, tg.M, "help")

	// Help and nonsense are taken one after the other on the same phone in
	// each state, so the two answers can be compared: help must explain,
	// not repeat the re-prompt a confused customer gets.
	for _, lang := range tg.M.Languages() {
		t.Run("written_in_"+lang, func(t *testing.T) {
			t.Parallel()
			xs := explore(t, tg, lang, testutil.GlobalEdges|testutil.FallbackEdges, "help", tg.M.Intents.Fallback)
			nonsense := map[string]string{}
			for _, x := range xs {
				if x.Intent != "help" && x.Err == nil {
					nonsense[x.From] = x.Landing.Turn.Text()
				}
			}
			var helps []testutil.Exploration
			for _, x := range xs {
				if x.Intent == "help" {
					helps = append(helps, x)
				}
			}
			testutil.ReportExplorations(t, helps, func(t *testing.T, x testutil.Exploration) {
				tu := x.Landing.Turn
				if x.Landing.From.OptedOut {
					assert.Empty(t, tu.Replies, "the phone had opted out, yet help was answered: %s", tu.Quote())
					return
				}
				if !assert.NotEmpty(t, tu.Replies, "help in state %s got no reply: %s", x.From, tu.Quote()) {
					return
				}
				if re, ok := nonsense[x.From]; ok {
					assert.NotEqual(t, re, tu.Text(), "help in state %s got the same answer as nonsense (%q): %s", x.From, tg.M.Intents.Fallback, tu.Quote())
				}
			})
		})
	}
}
