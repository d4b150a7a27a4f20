package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestNonsenseInEveryStateKeepsTheStateAndRePrompts(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	if tg.M.Intents.Fallback == "" {
		t.Skipf("%s: intents.fallback is empty, so the manifest has no example of a message the bot does not understand", tg.M.File())
	}
	// The manifest's default language only: a fallback example of another
	// language may read as free-text data (a name, a destination) in a
	// state that asks for it, and that is the state's data intent, not
	// nonsense.
	xs := explore(t, tg, tg.Language(""), testutil.FallbackEdges)
	testutil.ReportExplorations(t, xs, func(t *testing.T, x testutil.Exploration) {
		tu := x.Landing.Turn
		if x.Landing.From.OptedOut {
			assert.Empty(t, tu.Replies, "the phone had opted out, yet nonsense was answered: %s", tu.Quote())
			return
		}
		assert.NotEmpty(t, tu.Replies, "nonsense in state %s got no re-prompt: %s", x.From, tu.Quote())
	})
}
