package l01unit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// intentProblems checks, on its own, that the live tests can drive every
// intent the graph uses: each (but the events, which come from webhooks)
// has a non-blank example in every language the bot speaks; no example is
// in a language it does not speak; and no example means two things in one
// state.
func intentProblems(m *bots.Manifest) []string {
	var out []string
	events := map[string]bool{}
	for _, e := range m.Intents.Events {
		events[e] = true
	}
	used := map[string]string{} // intent -> where it is used
	for _, name := range sortedKeys(m.Graph.States) {
		if st := m.Graph.States[name]; st != nil {
			for intent := range st.On {
				used[intent] = "graph.states." + name
			}
		}
	}
	for intent := range m.Intents.Global {
		used[intent] = "intents.global"
	}
	if m.Intents.Fallback != "" {
		used[m.Intents.Fallback] = "intents.fallback"
	}
	for _, intent := range sortedKeys(used) {
		if events[intent] {
			continue
		}
		for _, lang := range m.Persona.Languages {
			ok := false
			for _, u := range m.Intents.Utterances[intent][lang] {
				ok = ok || strings.TrimSpace(u) != ""
			}
			if !ok || m.Utterance(intent, lang) == "" {
				out = append(out, fmt.Sprintf("intent %q (used in %s) has no %s example", intent, used[intent], lang))
			}
		}
	}
	for e := range events {
		if _, ok := used[e]; !ok {
			out = append(out, fmt.Sprintf("event %q is used by no state", e))
		}
	}
	speaks := map[string]bool{}
	for _, l := range m.Persona.Languages {
		speaks[l] = true
	}
	for _, intent := range sortedKeys(m.Intents.Utterances) {
		for _, lang := range sortedKeys(m.Intents.Utterances[intent]) {
			if !speaks[lang] {
				out = append(out, fmt.Sprintf("intent %q has examples in %s, which persona.languages does not list", intent, lang))
			}
		}
	}
	// In each state, the intents that apply are its own and the global
	// ones; two of them sharing an example but leading to different states
	// would make driving the bot a coin toss. ("no" may decline consent in
	// one state and reject an offer in another.)
	for _, name := range sortedKeys(m.Graph.States) {
		st := m.Graph.States[name]
		if st == nil {
			continue
		}
		leadsTo := map[string]string{} // intent -> where it leads from this state (bots Next)
		for _, intent := range append(sortedKeys(m.Intents.Global), sortedKeys(st.On)...) {
			leadsTo[intent], _ = m.Next(name, intent, false)
		}
		owner := map[string]string{} // lang + folded example -> intent
		for _, intent := range sortedKeys(leadsTo) {
			for _, lang := range sortedKeys(m.Intents.Utterances[intent]) {
				for _, u := range m.Intents.Utterances[intent][lang] {
					key := lang + "\x00" + strings.ToLower(strings.TrimSpace(u))
					if other, dup := owner[key]; dup && leadsTo[other] != leadsTo[intent] {
						out = append(out, fmt.Sprintf("in state %q the %s example %q is both %q (to %s) and %q (to %s)", name, lang, u, other, leadsTo[other], intent, leadsTo[intent]))
					}
					owner[key] = intent
				}
			}
		}
	}
	return out
}

// firstMessageIntent is the first intent (by state, then intent name) a
// state takes from a customer's message rather than from an event.
func firstMessageIntent(m *bots.Manifest) string {
	for _, s := range sortedKeys(m.Graph.States) {
		if st := m.Graph.States[s]; st != nil {
			for _, intent := range sortedKeys(st.On) {
				if !isEvent(m, intent) {
					return intent
				}
			}
		}
	}
	return ""
}

func TestEveryIntentUsedInTheGraphHasExampleUtterancesInEveryBotLanguage(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	assert.Empty(t, intentProblems(m), "%s: the intents' example utterances", m.File())
	assert.Empty(t, m.OrphanIntents(), "%s: intents with examples but no use in the graph", m.File())

	intent := firstMessageIntent(m)
	if intent == "" {
		t.Fatalf("%s: no state takes an intent from a customer's message", m.File())
	}
	lang := m.Persona.Languages[len(m.Persona.Languages)-1]
	breaks(t, m, intentProblems, map[string]func(c *bots.Manifest){
		"a global intent has no examples": func(c *bots.Manifest) {
			c.Intents.Global = map[string]string{"l01_global": ""}
		},
		"a state's intent loses its examples in one language": func(c *bots.Manifest) {
			delete(c.Intents.Utterances[intent], lang)
		},
		"an intent has examples in a language the bot does not speak": func(c *bots.Manifest) {
			c.Intents.Utterances[intent]["l01"] = []string{"bonjour"}
		},
		"one example means two things in one state": func(c *bots.Manifest) {
			// A global intent that keeps the state, taught an example that
			// moves it on.
			twin := map[string][]string{}
			for _, l := range c.Persona.Languages {
				twin[l] = []string{m.Utterance(intent, l)}
			}
			c.Intents.Utterances["l01_twin"] = twin
			if c.Intents.Global == nil {
				c.Intents.Global = map[string]string{}
			}
			c.Intents.Global["l01_twin"] = ""
		},
	})
}
