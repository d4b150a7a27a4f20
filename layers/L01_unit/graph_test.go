package l01unit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// phaseProblems checks the phases on its own (not through bots.Validate):
// listed once each, named by every state, the initial state in the first
// one, and never going back on the shortest way to a terminal state over
// the states' own transitions (bots OwnPath).
func phaseProblems(m *bots.Manifest) []string {
	var out []string
	g := m.Graph
	if len(g.Phases) == 0 {
		return []string{"graph.phases is empty"}
	}
	index := map[string]int{}
	for i, p := range g.Phases {
		if strings.TrimSpace(p) == "" {
			out = append(out, fmt.Sprintf("graph.phases[%d] is empty", i))
			continue
		}
		if j, dup := index[p]; dup {
			out = append(out, fmt.Sprintf("phase %q is listed at graph.phases[%d] and [%d]", p, j, i))
			continue
		}
		index[p] = i
	}
	used := map[string]bool{}
	for _, name := range sortedKeys(g.States) {
		st := g.States[name]
		if st == nil {
			out = append(out, fmt.Sprintf("state %q is empty", name))
			continue
		}
		if _, ok := index[st.Phase]; !ok {
			out = append(out, fmt.Sprintf("state %q is in phase %q, which graph.phases does not list", name, st.Phase))
		}
		used[st.Phase] = true
	}
	for _, p := range g.Phases {
		if !used[p] {
			out = append(out, fmt.Sprintf("phase %q has no state", p))
		}
	}
	if st := g.States[g.Initial]; st != nil && st.Phase != g.Phases[0] {
		out = append(out, fmt.Sprintf("the initial state %q is in phase %q, not in the first phase %q", g.Initial, st.Phase, g.Phases[0]))
	}
	for _, term := range g.Terminal {
		path := m.OwnPath(g.Initial, term)
		for i, st := range path {
			from := m.StateBefore(path, i)
			a, b := g.States[from], g.States[st.State]
			if a != nil && b != nil && index[b.Phase] < index[a.Phase] {
				out = append(out, fmt.Sprintf("the way to %q goes back from phase %q (%s) to %q (%s): graph.phases is not in conversation order",
					term, a.Phase, from, b.Phase, st.State))
			}
		}
	}
	return out
}

// transitionProblems checks, on its own, that every state the graph names
// is defined: the initial state, the terminal ones, each transition's and
// each global intent's target.
func transitionProblems(m *bots.Manifest) []string {
	var out []string
	g := m.Graph
	defined := func(s string) bool { return g.States[s] != nil }
	if !defined(g.Initial) {
		out = append(out, fmt.Sprintf("the initial state %q is not defined", g.Initial))
	}
	if len(g.Terminal) == 0 {
		out = append(out, "no terminal state: a conversation could never end")
	}
	seen := map[string]bool{}
	for _, term := range g.Terminal {
		if !defined(term) {
			out = append(out, fmt.Sprintf("terminal state %q is not defined", term))
		}
		if seen[term] {
			out = append(out, fmt.Sprintf("terminal state %q is listed twice", term))
		}
		seen[term] = true
	}
	for _, name := range sortedKeys(g.States) {
		if st := g.States[name]; st != nil {
			for _, intent := range sortedKeys(st.On) {
				if next := st.On[intent]; !defined(next) {
					out = append(out, fmt.Sprintf("state %q on %q goes to %q, which is not defined", name, intent, next))
				}
			}
		}
	}
	for _, intent := range sortedKeys(m.Intents.Global) {
		if next := m.Intents.Global[intent]; next != "" && !defined(next) {
			out = append(out, fmt.Sprintf("global intent %q goes to %q, which is not defined", intent, next))
		}
	}
	return out
}

// breaks runs check on broken copies of m: each must be caught.
func breaks(t *testing.T, m *bots.Manifest, check func(*bots.Manifest) []string, cases map[string]func(c *bots.Manifest)) {
	t.Helper()
	for name, breakIt := range cases {
		c := cloneManifest(m)
		breakIt(c)
		assert.NotEmpty(t, check(c), "a copy of the manifest where %s passes the check", name)
	}
}

func TestPhasesAreUniqueOrderedAndEveryStateNamesAKnownPhase(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	assert.Empty(t, phaseProblems(m), "%s: the phases of the graph", m.File())
	for _, rule := range m.Forbidden() {
		assert.GreaterOrEqual(t, m.PhaseIndex(rule.AllowedFrom), 0, "%s: %s is allowed from phase %q, which is not a phase", m.File(), rule.What, rule.AllowedFrom)
	}
	if m.Graph.ConsentPhase != "" {
		consent := m.PhaseIndex(m.Graph.ConsentPhase)
		assert.GreaterOrEqual(t, consent, 0, "%s: graph.consent_phase %q is not a phase", m.File(), m.Graph.ConsentPhase)
		for _, p := range m.Graph.PersonalDataPhases {
			assert.Greater(t, m.PhaseIndex(p), consent, "%s: personal data is collected in phase %q, not after consent (%q)", m.File(), p, m.Graph.ConsentPhase)
		}
	}

	first := m.Graph.States[m.Graph.Initial]
	breaks(t, m, phaseProblems, map[string]func(c *bots.Manifest){
		"a phase is listed twice":           func(c *bots.Manifest) { c.Graph.Phases = append(c.Graph.Phases, c.Graph.Phases[0]) },
		"a phase has no state":              func(c *bots.Manifest) { c.Graph.Phases = append(c.Graph.Phases, "l01_empty_phase") },
		"a state is in an unlisted phase":   func(c *bots.Manifest) { c.Graph.States[c.Graph.Initial].Phase = "l01_phase" },
		"the initial state is not in front": func(c *bots.Manifest) { c.Graph.States[c.Graph.Initial].Phase = c.Graph.Phases[len(c.Graph.Phases)-1] },
		"a terminal state is in the first phase, behind the way to it": func(c *bots.Manifest) {
			for _, term := range c.Graph.Terminal {
				if len(c.OwnPath(c.Graph.Initial, term)) > 1 {
					c.Graph.States[term].Phase = first.Phase
					return
				}
			}
			c.Graph.Phases = nil // no long way to a terminal: break the phases outright
		},
	})
}

func TestEveryTransitionTargetsADefinedStateAndInitialAndTerminalStatesExist(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	assert.Empty(t, transitionProblems(m), "%s: the states the graph names", m.File())
	terminalReached := false
	for _, term := range m.Graph.Terminal {
		if m.OwnPath(m.Graph.Initial, term) != nil {
			terminalReached = true
		}
	}
	assert.True(t, terminalReached, "%s: no terminal state (%v) can be reached from %q by the conversation's own transitions", m.File(), m.Graph.Terminal, m.Graph.Initial)

	s, intent := firstTransition(m)
	breaks(t, m, transitionProblems, map[string]func(c *bots.Manifest){
		"the initial state is undefined":   func(c *bots.Manifest) { c.Graph.Initial = "l01_nowhere" },
		"there is no terminal state":       func(c *bots.Manifest) { c.Graph.Terminal = nil },
		"a terminal state is undefined":    func(c *bots.Manifest) { c.Graph.Terminal = append(c.Graph.Terminal, "l01_nowhere") },
		"a terminal state is listed twice": func(c *bots.Manifest) { c.Graph.Terminal = append(c.Graph.Terminal, c.Graph.Terminal[0]) },
		"a transition goes nowhere":        func(c *bots.Manifest) { c.Graph.States[s].On[intent] = "l01_nowhere" },
		"a global intent goes nowhere": func(c *bots.Manifest) {
			if c.Intents.Global == nil {
				c.Intents.Global = map[string]string{}
			}
			c.Intents.Global["l01_global"] = "l01_nowhere"
		},
	})
}
