package writer

import (
	"fmt"
	"slices"
	"sort"
)

// Bot is what the writer knows of the bot under test, as plain data taken
// from its manifest (the writer does not load manifests itself).
type Bot struct {
	Name        string   // manifest name, e.g. cambialeon
	DisplayName string   // what customers call it, e.g. Cambialeon
	Languages   []string // the bot's languages, the default first
	Phases      []string // graph.phases, in order
	// Journey is the happy path from the initial state: what to say, in
	// order, and the phase each step leads to (see Graph.Plan).
	Journey []Step
	// Globals maps a global intent to the phase it moves the session to; an
	// intent that keeps the state is absent or maps to "".
	Globals map[string]string
	// Utterances are the manifest's examples: intent → language → texts.
	Utterances map[string]map[string][]string
}

// Step is one move along the happy path.
type Step struct {
	Intent string
	Phase  string // the phase the session is in after the step
}

// Graph is the part of a manifest's conversation graph the writer plans
// with, as plain maps.
type Graph struct {
	Initial string
	// Goal is the state a successful conversation heads for; empty means the
	// terminal-most state: the reachable state whose phase comes latest,
	// ignoring the last phase (closed: opted out or declined).
	Goal    string
	Phases  []string
	PhaseOf map[string]string            // state → phase
	On      map[string]map[string]string // state → intent → next state
	Global  map[string]string            // global intent → state it leads to ("" = stays)
}

// Plan returns the happy path from Initial to Goal (shortest, ties broken by
// intent name so it is deterministic) and the phase each global intent leads
// to.
func (g Graph) Plan() ([]Step, map[string]string, error) {
	if _, ok := g.PhaseOf[g.Initial]; !ok {
		return nil, nil, fmt.Errorf("graph: initial state %q has no phase; check graph.initial and graph.states", g.Initial)
	}
	prev := map[string][2]string{g.Initial: {"", ""}} // state → (previous state, intent)
	queue := []string{g.Initial}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		intents := make([]string, 0, len(g.On[st]))
		for in := range g.On[st] {
			intents = append(intents, in)
		}
		sort.Strings(intents)
		for _, in := range intents {
			next := g.On[st][in]
			if _, seen := prev[next]; !seen {
				prev[next] = [2]string{st, in}
				queue = append(queue, next)
			}
		}
	}
	goal := g.Goal
	if goal == "" {
		goal = g.deepest(prev)
	}
	if _, ok := prev[goal]; !ok {
		return nil, nil, fmt.Errorf("graph: goal state %q is not reachable from %q; pick a reachable goal", goal, g.Initial)
	}
	var path []Step
	for st := goal; st != g.Initial; st = prev[st][0] {
		path = append(path, Step{Intent: prev[st][1], Phase: g.PhaseOf[st]})
	}
	slices.Reverse(path)
	globals := map[string]string{}
	for in, st := range g.Global {
		if st != "" {
			globals[in] = g.PhaseOf[st]
		}
	}
	return path, globals, nil
}

// deepest is the reachable state whose phase comes latest, ignoring the last
// phase; ties go to the alphabetically first state.
func (g Graph) deepest(reached map[string][2]string) string {
	states := make([]string, 0, len(reached))
	for st := range reached {
		states = append(states, st)
	}
	sort.Strings(states)
	best, bestI := g.Initial, -1
	for _, st := range states {
		i := slices.Index(g.Phases, g.PhaseOf[st])
		if i == len(g.Phases)-1 && len(g.Phases) > 1 {
			continue
		}
		if i > bestI {
			best, bestI = st, i
		}
	}
	return best
}
