package l07conversation_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every expectation in this layer comes from the manifest: the graph says
// where each of its own utterances leads, so no test reads meaning into the
// bot's reply text beyond "there is one".

// phaseOf is the manifest's phase of a state.
func phaseOf(m *bots.Manifest, state string) string {
	if st := m.Graph.States[state]; st != nil {
		return st.Phase
	}
	return ""
}

// languages are the manifest's languages, the default first.
func languages(tg *testutil.Target) []string {
	out := []string{tg.Language("")}
	for _, l := range tg.M.Persona.Languages {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// drivable reports whether the explorer can take intent in lang: an
// utterance exists, or it is an event the bot can be sent.
func drivable(tg *testutil.Target, intent, lang string) bool {
	if tg.IsEvent(intent) {
		return intent == "paid" && tg.M.Endpoints.Stripe != ""
	}
	_, err := tg.UtteranceOf(intent, lang)
	return err == nil
}

// happyPath is the longest walk from graph.initial along the states' own
// intents that never goes back a phase and that the explorer can drive in
// lang: utterances, and a payment event when the bot has a Stripe endpoint.
// Ties go to the state whose name sorts first, so the path is stable. The
// test skips when nothing can be driven.
func happyPath(t testing.TB, tg *testutil.Target, lang string) []bots.Step {
	t.Helper()
	m := tg.M
	var best []bots.Step
	for _, name := range m.Reachable() {
		p := m.ShortestPath(m.Graph.Initial, name)
		if len(p) > len(best) && forward(tg, p, lang) {
			best = p
		}
	}
	if len(best) == 0 {
		t.Skipf("%s: no state can be reached from graph.initial %q with the states' own intents in %q", m.File(), m.Graph.Initial, lang)
	}
	return best
}

func forward(tg *testutil.Target, path []bots.Step, lang string) bool {
	m := tg.M
	prev := m.PhaseIndex(phaseOf(m, m.Graph.Initial))
	for _, st := range path {
		if _, global := m.Intents.Global[st.Intent]; global {
			return false
		}
		if !drivable(tg, st.Intent, lang) {
			return false
		}
		ph := m.PhaseIndex(phaseOf(m, st.State))
		if ph < prev {
			return false
		}
		prev = ph
	}
	return true
}

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

// route is a path as the manifest would draw it: a --intent--> b ...
func route(from string, path []bots.Step) string {
	var b strings.Builder
	b.WriteString(from)
	for _, st := range path {
		b.WriteString(" --" + st.Intent + "--> " + st.State)
	}
	return b.String()
}
