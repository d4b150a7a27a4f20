// Package botdata turns a bot manifest into the plain data the writer
// plans with (writer.Bot), so the writer itself never depends on how
// manifests are loaded and cmd/caas only wires the two together.
package botdata

import (
	"fmt"
	"slices"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/writer"
)

// FromManifest is the writer's view of m: its languages (default first),
// phases, happy path from the initial state to its terminal-most state,
// where each global intent leads, and its utterances.
func FromManifest(m *bots.Manifest) (writer.Bot, error) {
	g := writer.Graph{
		Initial: m.Graph.Initial,
		Phases:  m.Graph.Phases,
		PhaseOf: map[string]string{},
		On:      map[string]map[string]string{},
		Global:  m.Intents.Global,
	}
	for name, st := range m.Graph.States {
		if st == nil {
			continue
		}
		g.PhaseOf[name] = st.Phase
		g.On[name] = st.On
	}
	journey, globals, err := g.Plan()
	if err != nil {
		return writer.Bot{}, fmt.Errorf("%s: %w", m.Path, err)
	}
	langs := slices.Clone(m.Persona.Languages)
	if d := m.Persona.DefaultLanguage; d != "" {
		langs = append([]string{d}, slices.DeleteFunc(langs, func(l string) bool { return l == d })...)
	}
	display := m.DisplayName
	if display == "" {
		display = m.Name
	}
	return writer.Bot{
		Name:        m.Name,
		DisplayName: display,
		Languages:   langs,
		Phases:      m.Graph.Phases,
		Journey:     journey,
		Globals:     globals,
		Utterances:  m.Intents.Utterances,
	}, nil
}
