package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// The live BFS: for every state the manifest can reach, fresh phones are
// driven there along the shortest path (in parallel) and each of the state's
// own transitions is taken; the session read from the bot's database must be
// in the state, and the phase, the manifest names.

func TestEveryTransitionOfTheLiveBotLandsWhereTheManifestSays(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	xs := explore(t, tg, tg.Language(""), testutil.OwnEdges)

	taken := map[string]bool{}
	for _, x := range xs {
		taken[x.From] = true
	}
	for _, s := range tg.M.Reachable() {
		if len(tg.M.Graph.States[s].On) > 0 {
			assert.True(t, taken[s], "state %s has transitions but the explorer took none of them", s)
		}
	}
	testutil.ReportExplorations(t, xs, nil)
}

func TestEveryGlobalIntentKeepsOrMovesTheStateAsTheManifestSays(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	if len(tg.M.Intents.Global) == 0 {
		t.Skipf("%s: intents.global is empty", tg.M.File())
	}
	xs := explore(t, tg, tg.Language(""), testutil.GlobalEdges)
	testutil.ReportExplorations(t, xs, func(t *testing.T, x testutil.Exploration) {
		// Opted out, a customer hears nothing until they opt back in;
		// everywhere else a global intent is answered.
		if x.Landing.From.OptedOut {
			assert.Empty(t, x.Landing.Turn.Replies, "the phone had opted out, yet the bot answered: %s", x.Landing.Turn.Quote())
		} else {
			assert.NotEmpty(t, x.Landing.Turn.Replies, "a global intent in state %s got no reply: %s", x.From, x.Landing.Turn.Quote())
		}
	})
}
