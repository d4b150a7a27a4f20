// Package botdata turns a bot manifest into the plain data the writer
// plans with (writer.Bot), so the writer itself never depends on how
// manifests are loaded and cmd/caas only wires the two together.
package botdata

import (
	"fmt"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/writer"
)

// FromManifest is the writer's view of m: its languages (default first),
// phases and the initial state's, happy path (bots HappyPath: every intent counts as drivable, the
// writer itself stops before what a customer cannot say), where each
// global intent leads, and its utterances.
func FromManifest(m *bots.Manifest) (writer.Bot, error) {
	if m.Graph.States[m.Graph.Initial] == nil {
		return writer.Bot{}, fmt.Errorf("%s: graph.initial: state %q is not defined in graph.states; name the state a new conversation starts in", m.File(), m.Graph.Initial)
	}
	var journey []writer.Step
	for _, st := range m.HappyPath(nil) {
		journey = append(journey, writer.Step{Intent: st.Intent, Phase: m.PhaseOf(st.State)})
	}
	display := m.DisplayName
	if display == "" {
		display = m.Name
	}
	return writer.Bot{
		Name:        m.Name,
		DisplayName: display,
		Languages:   m.Languages(),
		Phases:      m.Graph.Phases,
		Start:       m.PhaseOf(m.Graph.Initial),
		Journey:     journey,
		Globals:     m.GlobalPhases(),
		Utterances:  m.Intents.Utterances,
	}, nil
}
