package l03e2e_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// The layer drives the bot only with the manifest's own words
// (testutil.Utterance) along its happy path as far as typed messages take it
// (testutil.TypedPath): its graph says where each utterance leads, so every
// expectation below comes from the manifest, never from the bot's reply text.

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
			text = testutil.Utterance(t, tg.M, st.Intent, "")
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
