package bots

import (
	"maps"
	"slices"
)

// EdgeKinds selects the transitions Edges lists.
type EdgeKinds int

const (
	OwnEdges      EdgeKinds = 1 << iota // each state's own transitions (graph.states.*.on)
	GlobalEdges                         // every global intent in every state (intents.global)
	FallbackEdges                       // the fallback intent (intents.fallback) in every state: it stays
)

// Edge is one transition the manifest promises: intent, taken in state
// From, leads to To. (An opted-out session ignores global intents; Next
// says so where To cannot.)
type Edge struct{ From, Intent, To string }

func (e Edge) String() string { return Route(e.From, []Step{{Intent: e.Intent, State: e.To}}) }

// Edges lists the edges of kinds out of every state reachable from
// graph.initial: by state, then own, global and fallback edges, each by
// intent name. A global intent (or the fallback) a state defines itself is
// an own edge there, so it is listed only with OwnEdges. Each edge's To is
// Next(From, Intent, false).
func (m *Manifest) Edges(kinds EdgeKinds) []Edge {
	var out []Edge
	add := func(from string, intents []string, own map[string]string) {
		for _, intent := range intents {
			if _, mine := own[intent]; mine {
				continue
			}
			to, _ := m.Next(from, intent, false)
			out = append(out, Edge{From: from, Intent: intent, To: to})
		}
	}
	for _, s := range m.Reachable() {
		own := m.Graph.States[s].On
		if kinds&OwnEdges != 0 {
			add(s, slices.Sorted(maps.Keys(own)), nil)
		}
		if kinds&GlobalEdges != 0 {
			add(s, slices.Sorted(maps.Keys(m.Intents.Global)), own)
		}
		if fb := m.Intents.Fallback; kinds&FallbackEdges != 0 && fb != "" {
			add(s, []string{fb}, own)
		}
	}
	return out
}

// PhaseEdge is a change of phase, From one phase To another.
type PhaseEdge struct{ From, To string }

// PhaseEdges are the changes of phase the states' own transitions make
// (global intents left out): what a session's phase path may show without
// the customer asking for a restart, an erasure or an opt-out.
func (m *Manifest) PhaseEdges() map[PhaseEdge]bool {
	out := map[PhaseEdge]bool{}
	for _, st := range m.Graph.States {
		if st == nil {
			continue
		}
		for _, next := range st.On {
			if to := m.PhaseOf(next); to != "" && to != st.Phase {
				out[PhaseEdge{From: st.Phase, To: to}] = true
			}
		}
	}
	return out
}
