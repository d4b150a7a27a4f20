package bots_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

func load(t *testing.T, name string) *bots.Manifest {
	t.Helper()
	m, err := repo.Load(name)
	require.NoError(t, err)
	return m
}

func TestTheShippedGraphsAreWhole(t *testing.T) {
	for _, name := range []string{"voyachat", "cambialeon"} {
		t.Run(name, func(t *testing.T) {
			m := load(t, name)
			assert.Len(t, m.Reachable(), len(m.Graph.States), "every state is reachable")
			assert.Empty(t, m.Unreachable(), "unreachable states")
			assert.Empty(t, m.DeadEnds(), "states that cannot end")
			assert.Empty(t, m.OrphanIntents(), "utterances nothing uses")
			assert.Empty(t, m.UnreachablePhases(), "phases no reachable state is in")
		})
	}
}

func TestTheHappyPathWalksThePhasesInOrder(t *testing.T) {
	for _, tc := range []struct {
		bot, last string
		intents   []string
	}{
		{"voyachat", "confirmed", []string{"hello", "accept", "give_destination", "give_dates", "give_name", "accept_offer", "paid"}},
		{"cambialeon", "done", []string{"hello", "accept", "give_consumption", "give_power", "give_provider", "choose", "give_name", "give_id", "give_iban", "give_address"}},
	} {
		t.Run(tc.bot, func(t *testing.T) {
			m := load(t, tc.bot)
			path := m.ShortestPath(m.Graph.Initial, tc.last)
			var intents []string
			phase := m.PhaseIndex(m.Graph.States[m.Graph.Initial].Phase)
			for _, st := range path {
				intents = append(intents, st.Intent)
				next := m.PhaseIndex(m.Graph.States[st.State].Phase)
				assert.GreaterOrEqual(t, next, phase, "step %v goes back a phase", st)
				phase = next
			}
			assert.Equal(t, tc.intents, intents)
			assert.True(t, m.IsTerminal(tc.last))
		})
	}
}

func TestGraphQueriesFindEveryFlawOfATangledGraph(t *testing.T) {
	m, err := repo.LoadFile(filepath.Join("testdata", "graph", "tangled.yaml"))
	require.NoError(t, err, "the tangled graph is a valid manifest: its flaws are findings, not errors")

	assert.Equal(t, []string{"finished", "hello", "loop_a", "loop_b", "middle", "opted_out"}, m.Reachable())
	assert.Equal(t, []string{"lost"}, m.Unreachable())
	assert.Equal(t, []string{"loop_a", "loop_b"}, m.DeadEnds())
	assert.Equal(t, []string{"wave"}, m.OrphanIntents())
	assert.Equal(t, []string{"limbo"}, m.UnreachablePhases())
}

func TestShortestPathDrivesTheBotTheGentlestWay(t *testing.T) {
	m, err := repo.LoadFile(filepath.Join("testdata", "graph", "tangled.yaml"))
	require.NoError(t, err)
	for _, tc := range []struct {
		name, from, to string
		want           []bots.Step
	}{
		{"forward through the states' own intents", "hello", "finished",
			[]bots.Step{{Intent: "go", State: "middle"}, {Intent: "finish", State: "finished"}}},
		{"a state's own intent before a global one", "middle", "hello",
			[]bots.Step{{Intent: "back", State: "hello"}}},
		{"earlier globals before later ones (restart, not erase)", "loop_b", "hello",
			[]bots.Step{{Intent: "restart", State: "hello"}}},
		{"out of a dead end through a global", "loop_a", "opted_out",
			[]bots.Step{{Intent: "stop", State: "opted_out"}}},
		{"nowhere to go when already there", "middle", "middle", []bots.Step{}},
		{"no way to an unreachable state", "hello", "lost", nil},
		{"no way from an undefined state", "nowhere", "hello", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.ShortestPath(tc.from, tc.to))
		})
	}
}

func TestPhaseIndexAndTerminalStates(t *testing.T) {
	m := load(t, "cambialeon")
	assert.Equal(t, 0, m.PhaseIndex("greeting"))
	assert.Equal(t, 3, m.PhaseIndex("comparison"))
	assert.Equal(t, 6, m.PhaseIndex("closed"))
	assert.Equal(t, -1, m.PhaseIndex("nowhere"))
	assert.True(t, m.IsTerminal("opted_out"))
	assert.False(t, m.IsTerminal("switch_iban"))
	assert.Equal(t, "12345678Z", m.Utterance("give_id", "es"))
	assert.Empty(t, m.Utterance("give_id", "fr"))
}
