package bots

import "regexp"

// Compiled holds the manifest's safety and persona patterns, compiled once
// when the manifest is parsed. A pattern that does not compile is left out
// (Validate reports it, so a loaded manifest has none).
type Compiled struct {
	Forbidden     []ForbiddenRule
	FalsePromises []*regexp.Regexp
	AIDisclosure  []*regexp.Regexp // a reply to "are you a bot?" must match one
	HumanClaims   []*regexp.Regexp // a reply must match none
	Retention     []*regexp.Regexp // the privacy text must match one
	Transfer      []*regexp.Regexp // the privacy text must match one
}

// ForbiddenRule is a disclosure allowed only from a phase on.
type ForbiddenRule struct {
	What        string
	AllowedFrom string
	Patterns    []*regexp.Regexp
}

// Leak is a forbidden disclosure found in a text.
type Leak struct {
	What        string // e.g. "provider names"
	AllowedFrom string // the phase from which it would have been allowed
	Match       string // the text that matched
}

// Patterns returns the compiled patterns. A Manifest built in Go rather
// than parsed is compiled on each call; one changed after Parse keeps the
// patterns it was parsed with.
func (m *Manifest) Patterns() *Compiled {
	if m.compiled != nil {
		return m.compiled
	}
	return compile(m)
}

// Forbidden returns the compiled forbidden-until-phase rules.
func (m *Manifest) Forbidden() []ForbiddenRule { return m.Patterns().Forbidden }

// Leaks lists the forbidden disclosures in text said while the conversation
// was in phase: every rule whose allowed_from phase comes after it. An
// unknown or empty phase counts as before every phase (the strict reading).
func (m *Manifest) Leaks(phase, text string) []Leak {
	at := m.PhaseIndex(phase)
	var out []Leak
	for _, r := range m.Forbidden() {
		if from := m.PhaseIndex(r.AllowedFrom); from >= 0 && at >= from {
			continue
		}
		if match, ok := FirstMatch(r.Patterns, text); ok {
			out = append(out, Leak{What: r.What, AllowedFrom: r.AllowedFrom, Match: match})
		}
	}
	return out
}

// FirstMatch returns the text matched by the first pattern that matches
// text (evidence for a finding), and whether any did.
func FirstMatch(patterns []*regexp.Regexp, text string) (string, bool) {
	for _, re := range patterns {
		if loc := re.FindStringIndex(text); loc != nil {
			return text[loc[0]:loc[1]], true
		}
	}
	return "", false
}

func compile(m *Manifest) *Compiled {
	c := &Compiled{
		FalsePromises: compileAll(m.Safety.FalsePromises),
		AIDisclosure:  compileAll(m.Persona.AIDisclosure),
		HumanClaims:   compileAll(m.Persona.HumanClaims),
		Retention:     compileAll(m.Safety.RetentionPatterns),
		Transfer:      compileAll(m.Safety.TransferPatterns),
	}
	for _, f := range m.Safety.ForbiddenUntilPhase {
		c.Forbidden = append(c.Forbidden, ForbiddenRule{What: f.What, AllowedFrom: f.AllowedFrom, Patterns: compileAll(f.Patterns)})
	}
	return c
}

func compileAll(patterns []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range patterns {
		if re, err := regexp.Compile(p); err == nil {
			out = append(out, re)
		}
	}
	return out
}
