package regression

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/langguess"
)

// Inapplicable says why the row cannot be played against the bot of m, or
// "" when it can: the row is not about that bot, or its conversation needs
// what the manifest does not give (a language, an utterance, a phase, a
// message that keeps the state), or none of its checks can apply.
func (r *Row) Inapplicable(m *bots.Manifest) string {
	if !r.Applies(m.Name) {
		return fmt.Sprintf("%s: %s was found on %s and applies to %s, not to %s", r.File, r.ID, r.FoundOn, strings.Join(r.Bots, ", "), m.Name)
	}
	lang := r.language(m)
	for i, s := range r.Conversation {
		l := s.lang(lang)
		if !slices.Contains(m.Persona.Languages, l) {
			return fmt.Sprintf("%s: persona.languages has no %q, which conversation[%d] of %s speaks", m.File(), l, i, r.File)
		}
		switch {
		case s.Intent != "":
			if _, err := utterance(m, s, lang); err != nil {
				return err.Error()
			}
		case len(s.WalkToPhase) > 0:
			if walkPhase(m, s.WalkToPhase) == "" {
				return fmt.Sprintf("%s: graph.phases has none of %v, where conversation[%d] of %s walks to", m.File(), s.WalkToPhase, i, r.File)
			}
		case s.Redeliver:
			if _, err := fenceText(m, lang); err != nil {
				return err.Error()
			}
		}
	}
	if len(r.Checks) == 0 {
		return "" // a format problem, which Validate reports
	}
	var reasons []string
	for i, c := range r.Checks {
		reason := checkInapplicable(m, c, lang)
		if reason == "" {
			return ""
		}
		reasons = append(reasons, fmt.Sprintf("checks[%d] (%s): %s", i, c.Rule, reason))
	}
	return fmt.Sprintf("no check of %s can apply to %s: %s", r.File, m.Name, strings.Join(reasons, "; "))
}

// checkInapplicable says why the check cannot apply to the bot of m (from
// its manifest), or "" when it can.
func checkInapplicable(m *bots.Manifest, c Check, lang string) string {
	switch c.Rule {
	case "no_disclosure_before_phase", "disclosed_once_allowed":
		if len(gated(m, c)) == 0 {
			return fmt.Sprintf("%s: safety.forbidden_until_phase has no rule whose what matches %s", m.File(), c.Disclosure)
		}
	case "consent_text_matches":
		if m.Observe.ConsentSQL == "" {
			return fmt.Sprintf("%s: observe.consent_sql is not set", m.File())
		}
	case "consent_before_personal_data":
		switch {
		case m.Graph.ConsentPhase == "" || len(m.Graph.PersonalDataPhases) == 0:
			return fmt.Sprintf("%s: graph.consent_phase or graph.personal_data_phases is not set", m.File())
		case m.Observe.ConsentSQL == "":
			return fmt.Sprintf("%s: observe.consent_sql is not set", m.File())
		}
	case "reply_language":
		if !langguess.Knows(lang) {
			return fmt.Sprintf("the language guess knows %v, not %q", langguess.Languages, lang)
		}
	}
	if c.Patterns != "" && len(ManifestPatterns[c.Patterns](m.Patterns())) == 0 {
		return fmt.Sprintf("%s: %s is empty", m.File(), c.Patterns)
	}
	return ""
}

// language is the row's customer language for the bot of m.
func (r *Row) language(m *bots.Manifest) string {
	if r.Language != "" {
		return r.Language
	}
	return m.DefaultLanguage()
}

// lang is the step's language: its own, else the row's.
func (s Step) lang(row string) string {
	if s.Lang != "" {
		return s.Lang
	}
	return row
}

// utterance is the step's intent as the manifest words it in the step's
// language: the first example (matching the step's pattern, when it has one).
func utterance(m *bots.Manifest, s Step, rowLang string) (string, error) {
	lang := s.lang(rowLang)
	for _, u := range m.Intents.Utterances[s.Intent][lang] {
		if s.Matching == "" || regexp.MustCompile(s.Matching).MatchString(u) {
			return u, nil
		}
	}
	if s.Matching != "" {
		return "", fmt.Errorf("%s: no example of intents.utterances.%s.%s matches %s", m.File(), s.Intent, lang, s.Matching)
	}
	return "", fmt.Errorf("%s: intents.utterances.%s.%s is empty", m.File(), s.Intent, lang)
}

// fenceText is a message that keeps the state (help, else the fallback),
// sent after a redelivery so that whatever the redelivery caused has landed
// before its replies are counted.
func fenceText(m *bots.Manifest, lang string) (string, error) {
	for _, intent := range []string{"help", m.Intents.Fallback} {
		next, global := m.Intents.Global[intent]
		if intent == "" || (intent == "help" && (!global || next != "")) {
			continue
		}
		if u := m.Utterance(intent, lang); u != "" {
			return u, nil
		}
	}
	return "", fmt.Errorf("%s: a redelivery needs a message that keeps the state to follow it: intents.global.help (staying) or intents.fallback, with an utterance in %s", m.File(), lang)
}

// walkPhase is the first of phases the manifest has ("" when none).
func walkPhase(m *bots.Manifest, phases []string) string {
	for _, p := range phases {
		if m.PhaseIndex(p) >= 0 {
			return p
		}
	}
	return ""
}

// gated are the manifest's forbidden-until-phase rules the check is about.
func gated(m *bots.Manifest, c Check) []bots.ForbiddenRule {
	re := regexp.MustCompile(c.Disclosure)
	var out []bots.ForbiddenRule
	for _, f := range m.Forbidden() {
		if re.MatchString(f.What) {
			out = append(out, f)
		}
	}
	return out
}
