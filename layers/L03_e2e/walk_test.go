package l03e2e_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// The layer drives the bot only with the manifest's own words: its graph
// says where each utterance leads, so every expectation below comes from the
// manifest, never from the bot's reply text.

// utterance is the manifest's first example of intent in the layer's
// language; the test skips, naming the field, when there is none.
func utterance(t testing.TB, m *bots.Manifest, intent string) string {
	t.Helper()
	u := m.Utterance(intent, m.DefaultLanguage())
	if u == "" {
		t.Skipf("%s: intents.utterances.%s.%s is empty, so this cannot be driven", m.File(), intent, m.DefaultLanguage())
	}
	return u
}

// phaseOf is the manifest's phase of a state.
func phaseOf(m *bots.Manifest, state string) string {
	if st := m.Graph.States[state]; st != nil {
		return st.Phase
	}
	return ""
}

// forwardPath is the longest walk from graph.initial that utterances alone
// can drive without ever going back a phase: the happy path as far as
// messages take it (a payment, say, is an event, not something typed).
// Ties go to the state whose name sorts first, so the path is stable.
func forwardPath(t testing.TB, m *bots.Manifest) []bots.Step {
	t.Helper()
	names := make([]string, 0, len(m.Graph.States))
	for name := range m.Graph.States {
		names = append(names, name)
	}
	slices.Sort(names)
	var best []bots.Step
	for _, name := range names {
		if p := m.ShortestPath(m.Graph.Initial, name); len(p) > len(best) && drivable(m, p) {
			best = p
		}
	}
	if len(best) == 0 {
		t.Skipf("%s: no state can be reached from graph.initial %q with intents.utterances in %q", m.File(), m.Graph.Initial, m.DefaultLanguage())
	}
	return best
}

func drivable(m *bots.Manifest, path []bots.Step) bool {
	prev := m.PhaseIndex(phaseOf(m, m.Graph.Initial))
	for _, st := range path {
		if _, global := m.Intents.Global[st.Intent]; global {
			return false
		}
		if m.Utterance(st.Intent, m.DefaultLanguage()) == "" {
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

// through is the head of path up to and including the first step taken with
// intent; the test skips when the path never takes it.
func through(t testing.TB, m *bots.Manifest, path []bots.Step, intent string) []bots.Step {
	t.Helper()
	for i, st := range path {
		if st.Intent == intent {
			return path[:i+1]
		}
	}
	t.Skipf("%s: the happy path from %q never takes intent %q", m.File(), m.Graph.Initial, intent)
	return nil
}

// fromState is the state a step of path is taken from.
func fromState(m *bots.Manifest, path []bots.Step, i int) string {
	if i == 0 {
		return m.Graph.Initial
	}
	return path[i-1].State
}

// stateAfter is where path leaves the conversation.
func stateAfter(m *bots.Manifest, path []bots.Step) string {
	if len(path) == 0 {
		return m.Graph.Initial
	}
	return path[len(path)-1].State
}

// expectedPhases is the phase path the manifest promises for a conversation
// that walks path from the start, one entry per change of phase.
func expectedPhases(m *bots.Manifest, path []bots.Step) []string {
	out := []string{phaseOf(m, m.Graph.Initial)}
	for _, st := range path {
		out = append(out, phaseOf(m, st.State))
	}
	return collapse(out)
}

// collapse drops repeats of the same phase in a row: a bot may record one
// row per state change (several states share a phase) or one per phase
// change, and both tell the same story.
func collapse(phases []string) []string {
	return slices.Compact(slices.Clone(phases))
}

// drive says each step's utterance from phone, in order, and returns the
// turns. override, when it has an entry for a step's intent, is said
// instead (a name of the test's own, say).
func drive(t testing.TB, tg *testutil.Target, phone string, steps []bots.Step, override map[string]string) []*testutil.Turn {
	t.Helper()
	turns := make([]*testutil.Turn, len(steps))
	for i, st := range steps {
		text, ok := override[st.Intent]
		if !ok {
			text = utterance(t, tg.M, st.Intent)
		}
		turns[i] = tg.Say(t, phone, text)
	}
	return turns
}

// invitesToGoOn matches a reply that asks the customer something or tells
// them what to write next: a bot's first answer must not be a dead end.
var invitesToGoOn = regexp.MustCompile(`(?i)[?¿]|escr[ií]b|respond|cu[eé]ntame|dime|ind[ií]ca|reply|write|tell me|let me know|type`)

// containsAny reports the first of values found in any of texts.
func containsAny(texts []string, values ...string) (string, bool) {
	for _, v := range values {
		for _, text := range texts {
			if v != "" && strings.Contains(text, v) {
				return v, true
			}
		}
	}
	return "", false
}

func contains(s, sub string) bool { return sub != "" && strings.Contains(s, sub) }
