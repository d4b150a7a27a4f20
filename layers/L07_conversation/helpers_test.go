package l07conversation_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every expectation in this layer comes from the manifest: the graph says
// where each of its own utterances leads (bots Next, Edges, HappyPath), so
// no test reads meaning into the bot's reply text beyond "there is one".

// granted reports whether the bot has recorded a granted consent for phone.
func granted(t testing.TB, tg *testutil.Target, phone string) bool {
	t.Helper()
	for _, c := range tg.Consents(t, phone) {
		if c.Granted {
			return true
		}
	}
	return false
}

// needGlobal skips the test when the manifest has no such global intent.
func needGlobal(t testing.TB, m *bots.Manifest, intent string) string {
	t.Helper()
	to, ok := m.Intents.Global[intent]
	if !ok {
		t.Skipf("%s: intents.global has no %q, so this cannot be checked", m.File(), intent)
	}
	return to
}

// explore is tg.Explore in lang over the edges of kinds with intents.
func explore(t testing.TB, tg *testutil.Target, lang string, kinds testutil.EdgeKinds, intents ...string) []testutil.Exploration {
	t.Helper()
	xs := tg.Explore(t, testutil.ExploreOptions{Lang: lang, Edges: kinds, Intents: intents})
	if len(xs) == 0 {
		t.Skipf("%s: no reachable state has an edge of %v to take", tg.M.File(), intents)
	}
	return xs
}
