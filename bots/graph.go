package bots

import (
	"fmt"
	"slices"
	"sort"
)

// Step is one move through the graph: send an utterance of Intent, land in State.
type Step struct {
	Intent string
	State  string
}

// PhaseIndex is the position of phase in graph.phases, -1 if it is not there.
func (m *Manifest) PhaseIndex(phase string) int {
	for i, p := range m.Graph.Phases {
		if p == phase {
			return i
		}
	}
	return -1
}

// PhaseOf is the phase of state, "" when the state is not defined.
func (m *Manifest) PhaseOf(state string) string {
	if st := m.Graph.States[state]; st != nil {
		return st.Phase
	}
	return ""
}

// IsTerminal reports whether state is one of graph.terminal.
func (m *Manifest) IsTerminal(state string) bool {
	for _, t := range m.Graph.Terminal {
		if t == state {
			return true
		}
	}
	return false
}

// moves are the steps out of state: its own intents first, then the global
// ones, each in file order (sorted for a manifest built in Go). Moves that
// stay put or lead to an undefined state are left out.
func (m *Manifest) moves(state string, withGlobals bool) []Step {
	var out []Step
	add := func(on map[string]string, order []string) {
		for _, intent := range ordered(on, order) {
			next := on[intent]
			if next == "" || next == state || m.Graph.States[next] == nil {
				continue
			}
			out = append(out, Step{Intent: intent, State: next})
		}
	}
	if s := m.Graph.States[state]; s != nil {
		add(s.On, m.keys["graph.states."+state+".on"])
	}
	if withGlobals {
		add(m.Intents.Global, m.keys["intents.global"])
	}
	return out
}

// ordered lists the keys of on in the recorded order, then any others sorted.
func ordered(on map[string]string, order []string) []string {
	out := make([]string, 0, len(on))
	seen := map[string]bool{}
	for _, k := range order {
		if _, ok := on[k]; ok && !seen[k] {
			out = append(out, k)
			seen[k] = true
		}
	}
	var rest []string
	for k := range on {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// stateNames is every defined state, sorted.
func (m *Manifest) stateNames() []string {
	out := make([]string, 0, len(m.Graph.States))
	for name, s := range m.Graph.States {
		if s != nil {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// bfs walks from start and returns, for every state reached, the step that
// first reached it (the start maps to a zero Step) and the state it came from.
func (m *Manifest) bfs(start string, withGlobals bool) (map[string]Step, map[string]string) {
	seen := map[string]Step{}
	parent := map[string]string{}
	if m.Graph.States[start] == nil {
		return seen, parent
	}
	seen[start] = Step{}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, st := range m.moves(cur, withGlobals) {
			if _, ok := seen[st.State]; ok {
				continue
			}
			seen[st.State] = st
			parent[st.State] = cur
			queue = append(queue, st.State)
		}
	}
	return seen, parent
}

// Reachable is every state reachable from graph.initial over the states'
// transitions and the global intents, sorted.
func (m *Manifest) Reachable() []string {
	seen, _ := m.bfs(m.Graph.Initial, true)
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Unreachable is every defined state that Reachable does not reach, sorted.
func (m *Manifest) Unreachable() []string {
	seen, _ := m.bfs(m.Graph.Initial, true)
	var out []string
	for _, s := range m.stateNames() {
		if _, ok := seen[s]; !ok {
			out = append(out, s)
		}
	}
	return out
}

// DeadEnds is every non-terminal state from which no terminal state can be
// reached through the states' own transitions, sorted. Global intents are
// left out on purpose: "stop" reaches opted_out from anywhere, so counting
// it would hide every dead end of the conversation itself.
func (m *Manifest) DeadEnds() []string {
	var out []string
	for _, s := range m.stateNames() {
		if m.IsTerminal(s) {
			continue
		}
		ends := false
		seen, _ := m.bfs(s, false)
		for reached := range seen {
			if m.IsTerminal(reached) {
				ends = true
				break
			}
		}
		if !ends {
			out = append(out, s)
		}
	}
	return out
}

// ShortestPath is the shortest way from state from to state to, as the steps to
// take (the live explorer drives the bot with it). It prefers a state's own
// intents to global ones, and earlier intents in the file to later ones.
// It is empty (not nil) when from == to, and nil when to cannot be reached
// or either state is undefined.
func (m *Manifest) ShortestPath(from, to string) []Step {
	return m.path(from, to, true)
}

// OwnPath is ShortestPath over the states' own transitions alone, global
// intents left out: the way the conversation itself goes from one state to
// another.
func (m *Manifest) OwnPath(from, to string) []Step {
	return m.path(from, to, false)
}

func (m *Manifest) path(from, to string, withGlobals bool) []Step {
	if m.Graph.States[from] == nil || m.Graph.States[to] == nil {
		return nil
	}
	seen, parent := m.bfs(from, withGlobals)
	if _, ok := seen[to]; !ok {
		return nil
	}
	steps := []Step{}
	for s := to; s != from; s = parent[s] {
		steps = append(steps, seen[s])
	}
	slices.Reverse(steps)
	return steps
}

// NearestState is the reachable state for which in is true with the
// shortest ShortestPath from graph.initial, ties going to the name that
// sorts first; "" when there is none.
func (m *Manifest) NearestState(in func(state string) bool) string {
	return m.NearestStateFrom(m.Graph.Initial, in)
}

// NearestStateFrom is NearestState for a walk that starts at state from.
func (m *Manifest) NearestStateFrom(from string, in func(state string) bool) string {
	seen, parent := m.bfs(from, true)
	best, bestLen := "", -1
	for _, s := range m.stateNames() {
		if _, ok := seen[s]; !ok || !in(s) {
			continue
		}
		n := 0
		for at := s; at != from; at = parent[at] {
			n++
		}
		if bestLen < 0 || n < bestLen {
			best, bestLen = s, n
		}
	}
	return best
}

// UnreachablePhases lists, in phase order, the phases none of whose states
// is reachable (a phase with no state at all included).
func (m *Manifest) UnreachablePhases() []string {
	reached := map[string]bool{}
	for _, s := range m.Reachable() {
		reached[m.PhaseOf(s)] = true
	}
	var out []string
	for _, p := range m.Graph.Phases {
		if !reached[p] {
			out = append(out, p)
		}
	}
	return out
}

// usedIntents maps every intent the manifest gives a use to where it is
// first used (a field path): the states' transitions, then global intents,
// events and the fallback.
func (m *Manifest) usedIntents() map[string]string {
	used := map[string]string{}
	use := func(intent, field string) {
		if _, ok := used[intent]; !ok && intent != "" {
			used[intent] = field
		}
	}
	for _, name := range m.stateNames() {
		st := m.Graph.States[name]
		for _, intent := range ordered(st.On, m.keys["graph.states."+name+".on"]) {
			use(intent, "graph.states."+name+".on."+intent)
		}
	}
	for _, intent := range ordered(m.Intents.Global, m.keys["intents.global"]) {
		use(intent, "intents.global."+intent)
	}
	for i, e := range m.Intents.Events {
		use(e, fmt.Sprintf("intents.events[%d]", i))
	}
	use(m.Intents.Fallback, "intents.fallback")
	return used
}

// OrphanIntents lists, sorted, the intents that have utterances but no use:
// no state, global intent, event or fallback names them.
func (m *Manifest) OrphanIntents() []string {
	used := m.usedIntents()
	var out []string
	for intent := range m.Intents.Utterances {
		if _, ok := used[intent]; !ok {
			out = append(out, intent)
		}
	}
	sort.Strings(out)
	return out
}

// StateTaking is the first state, by name, whose own transitions take
// intent, and where it leads; "" when no state takes it (a payment event,
// say, that no state waits for).
func (m *Manifest) StateTaking(intent string) (state, next string) {
	for _, s := range m.stateNames() {
		if to, ok := m.Graph.States[s].On[intent]; ok && to != "" {
			return s, to
		}
	}
	return "", ""
}
