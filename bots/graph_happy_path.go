package bots

import (
	"cmp"
	"slices"
)

// HappyPath is the successful conversation: the longest walk from
// graph.initial along the states' own intents (no global intent, no
// fallback) that never goes back a phase of graph.phases and never enters
// a state twice. A terminal state ends it. It takes no intent the caller
// cannot drive (drivable; nil: every intent), so a test that cannot send a
// payment gets the conversation up to the payment. Among walks of one
// length, the one whose states, step by step, sort first by name wins
// (then the earlier intent in the file), so the path is stable. It is
// empty when graph.initial is undefined or nothing can be taken from it.
//
// The tests and the sim writer all mean this walk by "the happy path". It
// assumes nothing about which phase comes last: the walk is longest
// because it goes through the conversation, not because of where it ends.
func (m *Manifest) HappyPath(drivable func(intent string) bool) []Step {
	if m.Graph.States[m.Graph.Initial] == nil {
		return nil
	}
	var best, walk []Step
	in := map[string]bool{m.Graph.Initial: true}
	var from func(state string)
	from = func(state string) {
		if len(walk) > len(best) {
			best = slices.Clone(walk)
		}
		if m.IsTerminal(state) {
			return
		}
		at := m.PhaseIndex(m.PhaseOf(state))
		for _, st := range m.forward(state) {
			if in[st.State] || m.PhaseIndex(m.PhaseOf(st.State)) < at || (drivable != nil && !drivable(st.Intent)) {
				continue
			}
			in[st.State] = true
			walk = append(walk, st)
			from(st.State)
			walk = walk[:len(walk)-1]
			delete(in, st.State)
		}
	}
	from(m.Graph.Initial)
	return best
}

// forward are the moves out of state over its own intents, by the name of
// the state they lead to (a stable sort keeps the file order of intents
// that lead to the same state).
func (m *Manifest) forward(state string) []Step {
	moves := m.moves(state, false)
	slices.SortStableFunc(moves, func(a, b Step) int { return cmp.Compare(a.State, b.State) })
	return moves
}
