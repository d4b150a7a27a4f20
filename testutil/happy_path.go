package testutil

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
)

// HappyPath is the manifest's happy path (bots HappyPath) as far as
// drivable lets the test take it. It skips the test, naming graph.initial
// and its intents, when not even the first step can be taken.
func HappyPath(t testing.TB, m *bots.Manifest, drivable func(intent string) bool) []bots.Step {
	t.Helper()
	path := m.HappyPath(drivable)
	if len(path) == 0 {
		var first []string
		if st := m.Graph.States[m.Graph.Initial]; st != nil {
			first = slices.Sorted(maps.Keys(st.On))
		}
		t.Skipf("%s: the happy path cannot start: none of the intents of graph.states.%s.on (%s) leads forward and can be driven by this test (intents.utterances, intents.events)",
			m.File(), m.Graph.Initial, strings.Join(first, ", "))
	}
	return path
}

// TypedPath is the happy path as far as typed messages take it, in lang
// ("" = the default language): an event (a payment) ends it, as does an
// intent with no example in lang.
func TypedPath(t testing.TB, m *bots.Manifest, lang string) []bots.Step {
	t.Helper()
	return HappyPath(t, m, func(intent string) bool {
		_, err := m.UtteranceOf(intent, lang)
		return err == nil && !slices.Contains(m.Intents.Events, intent)
	})
}

// HappyPath is the happy path as far as the explorer can drive it in lang
// (Drivable: the manifest's examples, and the events it can send, such as
// a Stripe payment), for a test that walks it with Take or Move.
func (tg *Target) HappyPath(t testing.TB, lang string) []bots.Step {
	t.Helper()
	return HappyPath(t, tg.M, func(intent string) bool { return tg.Drivable(intent, lang) })
}

// StateTaking is the first state that takes intent (bots StateTaking) and
// where it leads; it skips the test, naming the field, when none does.
func StateTaking(t testing.TB, m *bots.Manifest, intent string) (state, next string) {
	t.Helper()
	state, next = m.StateTaking(intent)
	if state == "" {
		t.Skipf("%s: no state takes %q (graph.states.*.on.%s), so this cannot be checked", m.File(), intent, intent)
	}
	return state, next
}
