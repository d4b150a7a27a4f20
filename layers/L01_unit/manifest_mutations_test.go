package l01unit_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// clearSecret is written into a copy of the manifest as a literal secret:
// the validator must refuse it without ever quoting it.
const clearSecret = "l01-clear-secret-3e9a71"

// mutation breaks one thing in the bot's own manifest and returns the
// field the validator must name; "" skips it for this bot, with the reason
// in skip.
type mutation struct {
	name  string
	apply func(t *testing.T, d *manifestDoc, m *bots.Manifest) (field, skip string)
}

func sortedKeys[V any](mp map[string]V) []string {
	out := make([]string, 0, len(mp))
	for k := range mp {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// firstTransition is the first state (by name) with a transition of its own, and that transition's intent.
func firstTransition(m *bots.Manifest) (state, intent string) {
	for _, s := range sortedKeys(m.Graph.States) {
		if st := m.Graph.States[s]; st != nil && len(st.On) > 0 {
			return s, sortedKeys(st.On)[0]
		}
	}
	return "", ""
}

func isEvent(m *bots.Manifest, intent string) bool {
	for _, e := range m.Intents.Events {
		if e == intent {
			return true
		}
	}
	return false
}

var mutations = []mutation{
	{"the initial state is undefined", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.set(t, "l01_nowhere", "graph", "initial")
		return "graph.initial", ""
	}},
	{"a transition leads to an undefined state", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		s, intent := firstTransition(m)
		if s == "" {
			return "", "no state has a transition of its own"
		}
		d.set(t, "l01_nowhere", "graph", "states", s, "on", intent)
		return "graph.states." + s + ".on." + intent, ""
	}},
	{"a state names an unknown phase", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		s := sortedKeys(m.Graph.States)[0]
		d.set(t, "l01_phase", "graph", "states", s, "phase")
		return "graph.states." + s + ".phase", ""
	}},
	{"a phase is listed twice", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		i := d.appendScalar(t, m.Graph.Phases[0], "graph", "phases")
		return fmt.Sprintf("graph.phases[%d]", i), ""
	}},
	{"a terminal state is undefined", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		i := d.appendScalar(t, "l01_nowhere", "graph", "terminal")
		return fmt.Sprintf("graph.terminal[%d]", i), ""
	}},
	{"a global intent leads to an undefined state", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		if len(m.Intents.Global) == 0 {
			return "", "intents.global is empty"
		}
		g := sortedKeys(m.Intents.Global)[0]
		d.set(t, "l01_nowhere", "intents", "global", g)
		return "intents.global." + g, ""
	}},
	{"an intent of the graph loses its examples in one language", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		s, intent := firstTransition(m)
		if s == "" || isEvent(m, intent) {
			return "", "the first transition is taken on an event, not a message"
		}
		lang := m.Persona.Languages[len(m.Persona.Languages)-1]
		d.remove(t, "intents", "utterances", intent, lang)
		return "intents.utterances." + intent + "." + lang, ""
	}},
	{"a false-promise pattern does not compile", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		if d.node("safety", "false_promises") == nil {
			return "", "safety.false_promises is absent"
		}
		i := d.appendScalar(t, "(?i)garantiz(amos", "safety", "false_promises")
		return fmt.Sprintf("safety.false_promises[%d]", i), ""
	}},
	{"a forbidden disclosure is allowed from an unknown phase", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		if len(m.Safety.ForbiddenUntilPhase) > 0 {
			d.set(t, "l01_phase", "safety", "forbidden_until_phase", "[0]", "allowed_from")
			return "safety.forbidden_until_phase[0].allowed_from", ""
		}
		i := d.appendNode(t, `{what: prices, allowed_from: l01_phase, patterns: ['(?i)precio']}`, "safety", "forbidden_until_phase")
		return fmt.Sprintf("safety.forbidden_until_phase[%d].allowed_from", i), ""
	}},
	{"personal data is collected before the consent phase", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		if m.Graph.ConsentPhase == "" || d.node("graph", "personal_data_phases") == nil {
			return "", "the graph names no consent phase or personal-data phases"
		}
		i := d.appendScalar(t, m.Graph.Phases[0], "graph", "personal_data_phases")
		return fmt.Sprintf("graph.personal_data_phases[%d]", i), ""
	}},
	{"the test phone range is not E.164", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.set(t, "34XX", "test_phones", "range")
		return "test_phones.range", ""
	}},
	{"the health budget is zero", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.setInt(t, 0, "budgets", "health_ms")
		return "budgets.health_ms", ""
	}},
	{"the health endpoint is not a path", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.set(t, strings.TrimPrefix(m.Endpoints.Health, "/"), "endpoints", "health")
		return "endpoints.health", ""
	}},
	{"the app secret is written in clear", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.set(t, clearSecret, "secrets", "app_secret")
		return "secrets.app_secret", ""
	}},
	{"a top-level field is misspelt", func(t *testing.T, d *manifestDoc, m *bots.Manifest) (string, string) {
		d.set(t, "x", "displayname")
		return "displayname", ""
	}},
}

func TestTheBotsOwnManifestBrokenOneFieldAtATimeIsRejectedAtThatField(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	for _, mu := range mutations {
		t.Run(mu.name, func(t *testing.T) {
			t.Parallel()
			d := readManifestDoc(t, m.Path)
			field, skip := mu.apply(t, d, m)
			if field == "" {
				t.Skipf("%s: %s", m.File(), skip)
			}
			path := d.write(t, t.TempDir(), m.Name)
			_, err := testutil.Bots().LoadFile(path)
			probs := problemsOf(t, err)
			assert.Contains(t, fields(probs), field, "%s, so the validator must name %s; it said:\n%v", mu.name, field, err)
			for _, p := range probs {
				assertWellFormed(t, path, path, p)
			}
			assert.NotContains(t, err.Error(), clearSecret, "the message quotes a secret's value")
		})
	}
}
