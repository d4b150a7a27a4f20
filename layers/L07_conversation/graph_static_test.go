package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// The static tests read the manifest's graph alone: a graph that fails them
// cannot be driven, so the live tests below would only repeat the problem.

func TestBFSFromTheInitialStateReachesEveryState(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	require.NotNil(t, m.Graph.States[m.Graph.Initial], "%s: graph.initial %q is not a state", m.File(), m.Graph.Initial)

	reached := m.Reachable()
	assert.Len(t, reached, len(m.Graph.States), "%s: BFS from %q reaches %v", m.File(), m.Graph.Initial, reached)
	assert.Empty(t, m.Unreachable(), "%s: these states cannot be reached from graph.initial %q through any transition or global intent; add a transition into each or remove it", m.File(), m.Graph.Initial)
}

func TestEveryNonTerminalStateCanReachATerminalState(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	require.NotEmpty(t, m.Graph.Terminal, "%s: graph.terminal is empty: no conversation could ever end", m.File())

	assert.Empty(t, m.DeadEnds(), "%s: from these states no terminal state %v can be reached through the states' own transitions (global intents aside): a customer there can only leave by giving up", m.File(), m.Graph.Terminal)
	for _, name := range m.Graph.Terminal {
		assert.NotNil(t, m.Graph.States[name], "%s: graph.terminal names %q, which is not a state", m.File(), name)
	}
}

func TestNoIntentIsOrphanedAndNoPhaseIsUnreachable(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)

	assert.Empty(t, m.OrphanIntents(), "%s: these intents have utterances but no state, global intent, event or fallback uses them", m.File())
	assert.Empty(t, m.UnreachablePhases(), "%s: no reachable state is in these phases of graph.phases %v", m.File(), m.Graph.Phases)
	for intent := range m.Intents.Global {
		assert.NotEmpty(t, m.Intents.Utterances[intent], "%s: intents.global.%s has no utterances, so no customer (and no test) can say it", m.File(), intent)
	}
}

func TestTheStatesOwnTransitionsMeetThePhasesInTheOrderGraphPhasesLists(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	require.GreaterOrEqual(t, m.PhaseIndex(m.PhaseOf(m.Graph.Initial)), 0, "%s: the phase of graph.initial %q is not in graph.phases", m.File(), m.Graph.Initial)

	// Along the shortest path to each state, a step back in graph.phases is
	// allowed only through a global intent (restart) or a transition back
	// to an earlier state in the same graph (reject an offer): the path
	// itself says in which order the phases are met, and the first time
	// each phase is met must follow graph.phases.
	for _, name := range m.Reachable() {
		path := m.ShortestPath(m.Graph.Initial, name)
		first := map[string]bool{m.PhaseOf(m.Graph.Initial): true}
		last := m.PhaseIndex(m.PhaseOf(m.Graph.Initial))
		for _, st := range path {
			ph := m.PhaseOf(st.State)
			if first[ph] {
				continue
			}
			first[ph] = true
			if _, global := m.Intents.Global[st.Intent]; global {
				continue
			}
			require.GreaterOrEqual(t, m.PhaseIndex(ph), 0, "%s: state %s is in phase %q, which graph.phases does not list", m.File(), st.State, ph)
			assert.GreaterOrEqual(t, m.PhaseIndex(ph), last, "%s: the shortest path to %s enters phase %q (via %s) after phase %q, against the order of graph.phases %v", m.File(), name, ph, st.Intent, m.Graph.Phases[last], m.Graph.Phases)
			last = m.PhaseIndex(ph)
		}
	}
}
