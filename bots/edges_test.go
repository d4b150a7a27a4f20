package bots_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

// loadGraph loads one of the small graphs of testdata/graph.
func loadGraph(t *testing.T, file string) *bots.Manifest {
	t.Helper()
	m, err := repo.LoadFile(filepath.Join("testdata", "graph", file))
	require.NoError(t, err, "the graphs of testdata/graph are valid manifests")
	return m
}

func TestNextSaysWhereAnIntentLeadsFromAState(t *testing.T) {
	m := loadGraph(t, "shop.yaml")
	for _, tc := range []struct {
		name, from, intent string
		optedOut           bool
		want               string
		ok                 bool
	}{
		{"a state's own transition", "ask", "yes", false, "form_a", true},
		{"a global intent that keeps the state", "ask", "help", false, "ask", true},
		{"a global intent that moves it", "form_b", "restart", false, "hello", true},
		{"a global intent the state overrides goes the state's way", "form_a", "help", false, "form_b", true},
		{"the fallback keeps the state", "offer", "nonsense", false, "offer", true},
		{"an intent the manifest does not name", "offer", "fly", false, "", false},
		{"a global intent still applies in an undefined state", "nowhere", "restart", false, "hello", true},
		{"opted out, the state's own intent (start) is taken", "opted_out", "start", true, "hello", true},
		{"opted out, a global intent is ignored", "opted_out", "restart", true, "opted_out", true},
		{"opted out, help is ignored", "opted_out", "help", true, "opted_out", true},
		{"opted out, anything else is ignored too", "opted_out", "fly", true, "opted_out", true},
		{"not opted out, the same global intent moves it", "opted_out", "restart", false, "hello", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := m.Next(tc.from, tc.intent, tc.optedOut)
			assert.Equal(t, tc.ok, ok, "ok")
			assert.Equal(t, tc.want, got, "Next(%q, %q, opted out %v)", tc.from, tc.intent, tc.optedOut)
		})
	}
}

func TestEdgesListTheTransitionsOfTheKindsAskedForOutOfEveryReachableState(t *testing.T) {
	m := loadGraph(t, "shop.yaml")
	edges := func(kinds bots.EdgeKinds, from string) []string {
		var out []string
		for _, e := range m.Edges(kinds) {
			if from == "" || e.From == from {
				out = append(out, e.String())
			}
		}
		return out
	}
	t.Run("own edges, by state then intent, a loop onto the state included", func(t *testing.T) {
		assert.Equal(t, []string{
			"ask --no--> declined", "ask --yes--> form_a",
			"declined --reopen--> form_a",
			"form_a --fill--> form_b", "form_a --help--> form_b", "form_a --skip--> form_a",
			"form_b --back--> form_a", "form_b --fill--> offer",
			"hello --hi--> ask",
			"offer --other--> form_a", "offer --take--> pay",
			"opted_out --start--> hello",
			"pay --paid--> booked_ok",
		}, edges(bots.OwnEdges, ""))
	})
	t.Run("global edges, where a global intent that stays keeps the state", func(t *testing.T) {
		assert.Equal(t, []string{"ask --help--> ask", "ask --restart--> hello", "ask --stop--> opted_out"}, edges(bots.GlobalEdges, "ask"))
	})
	t.Run("a global intent a state defines itself is an own edge there, not a global one", func(t *testing.T) {
		assert.Equal(t, []string{"form_a --restart--> hello", "form_a --stop--> opted_out"}, edges(bots.GlobalEdges, "form_a"))
	})
	t.Run("own, then global, then fallback edges in each state", func(t *testing.T) {
		assert.Equal(t, []string{
			"offer --other--> form_a", "offer --take--> pay",
			"offer --help--> offer", "offer --restart--> hello", "offer --stop--> opted_out",
			"offer --nonsense--> offer",
		}, edges(bots.OwnEdges|bots.GlobalEdges|bots.FallbackEdges, "offer"))
	})
	t.Run("no kinds, no edges", func(t *testing.T) {
		assert.Empty(t, m.Edges(0))
	})
	t.Run("only reachable states have edges", func(t *testing.T) {
		tangled := loadGraph(t, "tangled.yaml")
		for _, e := range tangled.Edges(bots.OwnEdges | bots.GlobalEdges) {
			assert.NotEqual(t, "lost", e.From, "lost is unreachable, yet Edges lists %s", e)
		}
	})
}

func TestPhaseEdgesAreThePhaseChangesOfTheStatesOwnTransitions(t *testing.T) {
	m := loadGraph(t, "shop.yaml")
	assert.Equal(t, map[bots.PhaseEdge]bool{
		{From: "greeting", To: "consent"}: true,
		{From: "consent", To: "details"}:  true,
		{From: "consent", To: "closed"}:   true,
		{From: "closed", To: "greeting"}:  true, // opted_out --start--> hello
		{From: "closed", To: "details"}:   true, // declined --reopen--> form_a
		{From: "details", To: "offer"}:    true,
		{From: "offer", To: "details"}:    true, // offer --other--> form_a
		{From: "offer", To: "booked"}:     true,
	}, m.PhaseEdges(), "restart and stop are global: they make no phase edge")
	assert.Equal(t, map[string]string{"restart": "greeting", "stop": "closed"}, m.GlobalPhases(), "help keeps the state, so it has no phase")
}
