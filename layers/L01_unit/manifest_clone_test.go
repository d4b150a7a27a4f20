package l01unit_test

import (
	"maps"
	"slices"

	"github.com/caas-testing/caas-testing/bots"
)

// cloneManifest copies m deeply enough that a test may break the copy's
// graph, intents and safety rules without touching the shared manifest.
// The graph checks below run on the bot's manifest (and must find nothing)
// and on broken copies (and must find the break), so each can fail.
func cloneManifest(m *bots.Manifest) *bots.Manifest {
	c := *m
	c.Persona.Languages = slices.Clone(m.Persona.Languages)
	c.Persona.AIDisclosure = slices.Clone(m.Persona.AIDisclosure)
	c.Persona.HumanClaims = slices.Clone(m.Persona.HumanClaims)
	c.Graph.Phases = slices.Clone(m.Graph.Phases)
	c.Graph.Terminal = slices.Clone(m.Graph.Terminal)
	c.Graph.PersonalDataPhases = slices.Clone(m.Graph.PersonalDataPhases)
	c.Graph.States = make(map[string]*bots.State, len(m.Graph.States))
	for name, st := range m.Graph.States {
		if st == nil {
			c.Graph.States[name] = nil
			continue
		}
		c.Graph.States[name] = &bots.State{Phase: st.Phase, On: maps.Clone(st.On)}
	}
	c.Intents.Global = maps.Clone(m.Intents.Global)
	c.Intents.Events = slices.Clone(m.Intents.Events)
	c.Intents.Utterances = make(map[string]map[string][]string, len(m.Intents.Utterances))
	for intent, byLang := range m.Intents.Utterances {
		c.Intents.Utterances[intent] = make(map[string][]string, len(byLang))
		for lang, us := range byLang {
			c.Intents.Utterances[intent][lang] = slices.Clone(us)
		}
	}
	c.Safety.ForbiddenUntilPhase = make([]bots.Forbidden, len(m.Safety.ForbiddenUntilPhase))
	for i, f := range m.Safety.ForbiddenUntilPhase {
		c.Safety.ForbiddenUntilPhase[i] = bots.Forbidden{What: f.What, AllowedFrom: f.AllowedFrom, Patterns: slices.Clone(f.Patterns)}
	}
	c.Safety.Canaries = slices.Clone(m.Safety.Canaries)
	c.Safety.FalsePromises = slices.Clone(m.Safety.FalsePromises)
	c.Safety.RetentionPatterns = slices.Clone(m.Safety.RetentionPatterns)
	c.Safety.TransferPatterns = slices.Clone(m.Safety.TransferPatterns)
	return &c
}
