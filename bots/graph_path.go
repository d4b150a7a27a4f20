package bots

import (
	"slices"
	"strings"
)

// What a path from graph.initial (HappyPath, ShortestPath from the initial
// state) promises along the way.

// StateBefore is the state step i of path is taken from: graph.initial for
// the first step, else where the step before it led.
func (m *Manifest) StateBefore(path []Step, i int) string {
	if i == 0 {
		return m.Graph.Initial
	}
	return path[i-1].State
}

// StateAfter is where path leaves the session: its last step's state,
// graph.initial when it has none.
func (m *Manifest) StateAfter(path []Step) string {
	return m.StateBefore(path, len(path))
}

// PhasesAlong is the phase path a conversation that walks path from
// graph.initial must leave: the initial state's phase, then each step's,
// repeats in a row dropped. (A bot may record one row per state change or
// one per phase change; both tell this story once repeats are dropped.)
func (m *Manifest) PhasesAlong(path []Step) []string {
	out := []string{m.PhaseOf(m.Graph.Initial)}
	for _, st := range path {
		out = append(out, m.PhaseOf(st.State))
	}
	return slices.Compact(out)
}

// Route is path drawn as the manifest reads: from --intent--> state ...
func Route(from string, path []Step) string {
	var b strings.Builder
	b.WriteString(from)
	for _, st := range path {
		b.WriteString(" --" + st.Intent + "--> " + st.State)
	}
	return b.String()
}
