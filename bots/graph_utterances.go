package bots

import (
	"fmt"
	"slices"
	"sort"
)

// The manifest's words: the examples (intents.utterances) the tests and the
// sims drive the bot with, in the languages it speaks.

// DefaultLanguage is the language customers are assumed to write in: the
// persona's default_language, else its first language ("" when none).
func (m *Manifest) DefaultLanguage() string {
	if m.Persona.DefaultLanguage != "" {
		return m.Persona.DefaultLanguage
	}
	if len(m.Persona.Languages) > 0 {
		return m.Persona.Languages[0]
	}
	return ""
}

// Languages are persona.languages with DefaultLanguage first: the order in
// which a test or a sim tries them.
func (m *Manifest) Languages() []string {
	out := []string{}
	if d := m.DefaultLanguage(); d != "" {
		out = append(out, d)
	}
	for _, l := range m.Persona.Languages {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// Utterance is the first example of intent in lang, "" when there is none.
func (m *Manifest) Utterance(intent, lang string) string {
	if us := m.Intents.Utterances[intent][lang]; len(us) > 0 {
		return us[0]
	}
	return ""
}

// UtteranceOf is Utterance in lang ("" = DefaultLanguage), or, when the
// manifest has none, an error naming the file and the field to fill.
func (m *Manifest) UtteranceOf(intent, lang string) (string, error) {
	if lang == "" {
		lang = m.DefaultLanguage()
	}
	if u := m.Utterance(intent, lang); u != "" {
		return u, nil
	}
	return "", fmt.Errorf("%s: intents.utterances.%s.%s is empty; add an example to drive intent %q", m.File(), intent, lang, intent)
}

// Utterances are every example of intent in each of langs, in that order;
// with no langs, in every language of persona.languages.
func (m *Manifest) Utterances(intent string, langs ...string) []string {
	if len(langs) == 0 {
		langs = m.Persona.Languages
	}
	var out []string
	for _, lang := range langs {
		out = append(out, m.Intents.Utterances[intent][lang]...)
	}
	return out
}

// Opening is what a new customer would say first: the first example (by
// intent name) of an intent the initial state understands, in the default
// language; "hola" when the manifest gives none.
func (m *Manifest) Opening() string {
	if st := m.Graph.States[m.Graph.Initial]; st != nil {
		intents := make([]string, 0, len(st.On))
		for intent := range st.On {
			intents = append(intents, intent)
		}
		sort.Strings(intents)
		for _, intent := range intents {
			if u := m.Utterance(intent, m.DefaultLanguage()); u != "" {
				return u
			}
		}
	}
	return "hola"
}
