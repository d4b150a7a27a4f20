package bots

import (
	"fmt"
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/strictyaml"
)

func (v *validator) graph() {
	m := v.m
	g := m.Graph
	if len(g.Phases) == 0 {
		v.add("graph.phases", "missing", "list the conversation's phases in order, e.g. [greeting, consent, ..., closed]")
	}
	seen := map[string]int{}
	for i, p := range g.Phases {
		f := fmt.Sprintf("graph.phases[%d]", i)
		if p == "" {
			v.add(f, "empty phase name", "name the phase or remove the entry")
			continue
		}
		if j, dup := seen[p]; dup {
			v.add(f, fmt.Sprintf("phase %q is listed twice (first at graph.phases[%d])", p, j), "list each phase once, in conversation order")
			continue
		}
		seen[p] = i
	}
	knownPhases := strings.Join(g.Phases, ", ")
	if len(g.States) == 0 {
		v.add("graph.states", "missing", "define the states, each with its phase and its intents: on: {intent: next_state}")
	}
	for _, name := range sortedKeys(g.States) {
		st := g.States[name]
		f := "graph.states." + name
		if st == nil {
			v.add(f, "empty state", "give it a phase, e.g. {phase: greeting, on: {hello: next_state}}")
			continue
		}
		switch {
		case st.Phase == "":
			v.add(f+".phase", "missing", "name one of graph.phases: "+knownPhases)
		case m.PhaseIndex(st.Phase) < 0:
			v.add(f+".phase", fmt.Sprintf("unknown phase %q", st.Phase), "name one of graph.phases ("+knownPhases+") or add it there")
		}
		for _, intent := range sortedKeys(st.On) {
			v.stateRef(f+".on."+intent, st.On[intent], false)
		}
	}
	if g.Initial == "" {
		v.add("graph.initial", "missing", "name the state a new conversation starts in")
	} else {
		v.stateRef("graph.initial", g.Initial, false)
	}
	if len(g.Terminal) == 0 {
		v.add("graph.terminal", "missing", "list the states where a conversation ends, e.g. [done, opted_out]")
	}
	for i, t := range g.Terminal {
		v.stateRef(fmt.Sprintf("graph.terminal[%d]", i), t, false)
	}
	for _, intent := range sortedKeys(m.Intents.Global) {
		v.stateRef("intents.global."+intent, m.Intents.Global[intent], true)
	}
	v.phaseRef("graph.consent_phase", g.ConsentPhase, knownPhases)
	consent := m.PhaseIndex(g.ConsentPhase)
	for i, p := range g.PersonalDataPhases {
		f := fmt.Sprintf("graph.personal_data_phases[%d]", i)
		if !v.phaseRef(f, p, knownPhases) {
			continue
		}
		if g.ConsentPhase != "" && consent >= 0 && m.PhaseIndex(p) <= consent {
			v.add(f, fmt.Sprintf("phase %q collects personal data but does not come after the consent phase %q", p, g.ConsentPhase),
				"order graph.phases so consent comes first: personal data may be asked only after consent")
		}
	}
}

// stateRef checks a reference to a state; "" means "stays" where allowed.
func (v *validator) stateRef(field, state string, emptyStays bool) {
	switch {
	case state == "" && emptyStays:
	case state == "":
		v.add(field, "names no state", "name a state defined under graph.states")
	case v.m.Graph.States[state] == nil:
		v.add(field, fmt.Sprintf("leads to undefined state %q", state), "define it under graph.states or fix the name ("+closest(state, sortedKeys(v.m.Graph.States))+")")
	}
}

// phaseRef checks an optional reference to a phase; it reports whether the
// phase is set and known.
func (v *validator) phaseRef(field, phase, known string) bool {
	if phase == "" {
		return false
	}
	if v.m.PhaseIndex(phase) < 0 {
		v.add(field, fmt.Sprintf("unknown phase %q", phase), "name one of graph.phases: "+known)
		return false
	}
	return true
}

// intents: every intent a customer can trigger has an example in every
// language the bot speaks, or the live tests could not drive the bot.
func (v *validator) intents() {
	m := v.m
	langs := map[string]bool{}
	for _, l := range m.Persona.Languages {
		langs[l] = true
	}
	events := map[string]bool{}
	for _, e := range m.Intents.Events {
		events[e] = true
	}
	used := m.usedIntents()
	names := make([]string, 0, len(used))
	for intent := range used {
		names = append(names, intent)
	}
	sort.Strings(names)
	for _, intent := range names {
		if events[intent] {
			continue
		}
		for _, lang := range m.Persona.Languages {
			if nonEmpty(m.Intents.Utterances[intent][lang]) {
				continue
			}
			field := "intents.utterances." + intent + "." + lang
			p := m.problem(field,
				fmt.Sprintf("intent %q (used at %s) has no %s utterance", intent, used[intent], lang),
				fmt.Sprintf(`add intents.utterances.%s.%s: ["..."], or list it under intents.events if the bot gets it from an event, not a message`, intent, lang))
			if _, ok := m.lines["intents.utterances."+intent]; !ok {
				p.Line = m.line(used[intent]) // point at the use when the utterances block is absent
			}
			v.probs = append(v.probs, p)
		}
	}
	for i, e := range m.Intents.Events {
		if !usedInGraph(m, e) {
			v.add(fmt.Sprintf("intents.events[%d]", i), fmt.Sprintf("event intent %q is used by no state", e), "remove it or use it in a state's on")
		}
	}
	for _, intent := range sortedKeys(m.Intents.Utterances) {
		for _, lang := range sortedKeys(m.Intents.Utterances[intent]) {
			f := "intents.utterances." + intent + "." + lang
			if !langs[lang] {
				v.add(f, fmt.Sprintf("language %q is not in persona.languages", lang), "add it to persona.languages or remove these utterances")
			}
			for i, u := range m.Intents.Utterances[intent][lang] {
				if strings.TrimSpace(u) == "" {
					v.add(fmt.Sprintf("%s[%d]", f, i), "empty utterance", "write what a customer would send, or remove it")
				}
			}
		}
	}
}

func usedInGraph(m *Manifest, intent string) bool {
	for _, st := range m.Graph.States {
		if st == nil {
			continue
		}
		if _, ok := st.On[intent]; ok {
			return true
		}
	}
	_, ok := m.Intents.Global[intent]
	return ok
}

func nonEmpty(us []string) bool {
	for _, u := range us {
		if strings.TrimSpace(u) != "" {
			return true
		}
	}
	return false
}

func sortedKeys[V any](mp map[string]V) []string {
	out := make([]string, 0, len(mp))
	for k := range mp {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// closest suggests the nearest of names to got, else lists them.
func closest(got string, names []string) string {
	if best := strictyaml.Nearest(got, names); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "defined: " + strings.Join(names, ", ")
}
