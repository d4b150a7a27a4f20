package scenario

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Turn limits of docs/scenarios.md §2: 6–8 turns, the opening counting as the first.
const (
	MinTurns = 6
	MaxTurns = 8
)

var (
	kebab    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langCode = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// Validate checks the scenario against the schema's rules and returns every
// problem at once (as Problems), each naming the file, the field and the fix;
// nil when the scenario is valid. It needs no manifest: ValidatePhases checks
// the phase names against the bot's.
func (s *Scenario) Validate() error {
	var ps Problems
	add := func(field, msg, fix string) { ps = append(ps, s.problem(field, msg, fix)) }

	s.validateIdentity(add)
	s.validatePersona(add)
	s.validateMessages(add)
	s.validateExpect(add)
	s.validateRules("must", s.Must, add)
	s.validateRules("must_not", s.MustNot, add)
	return ps.Err()
}

type adder func(field, msg, fix string)

func (s *Scenario) validateIdentity(add adder) {
	switch {
	case s.ID == "":
		add("id", "missing", "set it to the file name without .yaml, e.g. id: grandma-carmen")
	case !kebab.MatchString(s.ID):
		add("id", fmt.Sprintf("%q is not kebab-case", s.ID), "use lowercase words joined by hyphens, e.g. spy-laura")
	}
	if s.Path != "" {
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(s.Path), ".yaml"), ".yml")
		if s.ID != "" && s.ID != base {
			add("id", fmt.Sprintf("%q differs from the file name %q", s.ID, base), "rename the file or the id so they match")
		}
	}
	if s.Bot == "" {
		add("bot", "missing", "name the bot's manifest, e.g. bot: cambialeon")
	}
	switch {
	case s.Category == "":
		add("category", "missing", "use one of: "+strings.Join(Categories, ", "))
	case !slices.Contains(Categories, s.Category):
		add("category", fmt.Sprintf("%q is not a category", s.Category), "use one of: "+strings.Join(Categories, ", "))
	}
	switch {
	case s.Language == "":
		add("language", "missing", "set the customer's main language, e.g. language: es")
	case !langCode.MatchString(s.Language):
		add("language", fmt.Sprintf("%q is not a language code", s.Language), "use a two-letter code such as es, en, fr, ja")
	}
}

func (s *Scenario) validatePersona(add adder) {
	p := s.Persona
	if strings.TrimSpace(p.Name) == "" {
		add("persona.name", "missing", `give the persona a real-sounding name, e.g. "Grandma Carmen"`)
	}
	switch {
	case p.Age == 0:
		add("persona.age", "missing", "give the persona's age, e.g. age: 76")
	case p.Age < 12 || p.Age > 110:
		add("persona.age", fmt.Sprintf("%d is not a plausible age", p.Age), "use an age between 12 and 110")
	}
	if strings.TrimSpace(p.Backstory) == "" {
		add("persona.backstory", "missing", "say in a sentence or two who they are and why they are writing")
	}
	if strings.TrimSpace(p.Style) == "" {
		add("persona.style", "missing", `say how they write, e.g. "ALL CAPS, no accents, one finger"`)
	}
	if len(p.Tactics) == 0 {
		add("persona.tactics", "missing", `list what they try, e.g. ["asks for the commission", "cites art. 17 GDPR"]`)
	}
	for i, t := range p.Tactics {
		if strings.TrimSpace(t) == "" {
			add(fmt.Sprintf("persona.tactics[%d]", i), "empty", "write the tactic or remove the item")
		}
	}
	for i, l := range p.Languages {
		if !langCode.MatchString(l) {
			add(fmt.Sprintf("persona.languages[%d]", i), fmt.Sprintf("%q is not a language code", l), "use two-letter codes such as es, en, fr, ja")
		}
	}
	if len(p.Languages) > 0 && s.Language != "" && !slices.Contains(p.Languages, s.Language) {
		add("persona.languages", fmt.Sprintf("does not include the main language %q", s.Language), "add it, or change language")
	}
	if s.Category == "multilingual" && len(s.Languages()) < 2 {
		add("persona.languages", "a multilingual persona needs at least two languages", "list every language they mix, e.g. [es, en, ja, fr]")
	}
}

func (s *Scenario) validateMessages(add adder) {
	if strings.TrimSpace(s.Opening) == "" {
		add("opening", "missing", "write the first WhatsApp message as the persona would type it")
	}
	for i, t := range s.Turns {
		validateTurn(fmt.Sprintf("turns[%d]", i), t, add)
	}
	scripted := 1 + len(s.Turns)
	switch {
	case s.MaxTurns == 0:
		add("max_turns", "missing", fmt.Sprintf("set it between %d and %d (the opening counts as turn 1)", MinTurns, MaxTurns))
	case s.MaxTurns < MinTurns || s.MaxTurns > MaxTurns:
		add("max_turns", fmt.Sprintf("%d is outside %d–%d", s.MaxTurns, MinTurns, MaxTurns), fmt.Sprintf("set it between %d and %d", MinTurns, MaxTurns))
	case scripted < s.MaxTurns:
		add("turns", fmt.Sprintf("the scripted customer has %d messages (opening + %d turns) but max_turns is %d", scripted, len(s.Turns), s.MaxTurns),
			fmt.Sprintf("add %d more turns or lower max_turns", s.MaxTurns-scripted))
	}
	if scripted > MaxTurns {
		add("turns", fmt.Sprintf("%d messages (opening + %d turns) is more than %d", scripted, len(s.Turns), MaxTurns),
			fmt.Sprintf("keep at most %d turns after the opening", MaxTurns-1))
	}
}

func (s *Scenario) validateExpect(add adder) {
	e := s.Expect
	if strings.TrimSpace(e.Outcome) == "" {
		add("expect.outcome", "missing", `say in one sentence what should happen, e.g. "reaches the comparison without leaks"`)
	}
	if e.FinalPhase == "" {
		add("expect.final_phase", "missing", "name the phase the session should end in (a phase of the bot's manifest)")
	}
	if len(e.PhasePath) == 0 {
		add("expect.phase_path", "missing", "list the phases the session should pass through, in order, e.g. [greeting, consent, bill_data]")
	}
	for i, p := range e.PhasePath {
		if strings.TrimSpace(p) == "" {
			add(fmt.Sprintf("expect.phase_path[%d]", i), "empty", "name a phase or remove the item")
		}
	}
	if n := len(e.PhasePath); n > 0 && e.FinalPhase != "" && e.PhasePath[n-1] != e.FinalPhase {
		add("expect.phase_path", fmt.Sprintf("ends in %q but final_phase is %q", e.PhasePath[n-1], e.FinalPhase), "end the path with the final phase")
	}
}

func (s *Scenario) validateRules(block string, rules []Rule, add adder) {
	for i, r := range rules {
		at := fmt.Sprintf("%s[%d]", block, i)
		if strings.TrimSpace(r.Name) == "" {
			add(at+".name", "missing", `say what the rule checks, e.g. "offers a human"`)
		}
		if r.Pattern == "" {
			add(at+".pattern", "missing", "write a Go regexp matched against each bot reply, e.g. (?i)persona|humano")
		} else if _, err := regexp.Compile(r.Pattern); err != nil {
			add(at+".pattern", fmt.Sprintf("does not compile: %v", err), "fix the Go regexp (RE2 syntax: no lookaround or backreferences)")
		}
		if r.Dimension != "" && !slices.Contains(Dimensions, r.Dimension) {
			add(at+".dimension", fmt.Sprintf("%q is not a rubric dimension", r.Dimension), "use one of: "+strings.Join(Dimensions, ", "))
		}
	}
}

// ValidatePhases checks that every phase the scenario names is one of
// phases, the bot manifest's phase list (graph.phases, in order), and that
// the expected path never goes back except to the first phase (a restart or
// a GDPR erasure starts the conversation again).
func (s *Scenario) ValidatePhases(phases []string) error {
	var ps Problems
	if len(phases) == 0 {
		ps = append(ps, s.problem("bot", "no phases to check against", "pass the bot manifest's graph.phases (bots/"+s.Bot+".yaml)"))
		return ps.Err()
	}
	fix := "use a phase of bot " + s.Bot + ": " + strings.Join(phases, ", ")
	if s.Expect.FinalPhase != "" && !slices.Contains(phases, s.Expect.FinalPhase) {
		ps = append(ps, s.problem("expect.final_phase", fmt.Sprintf("%q is not a phase of the bot's manifest", s.Expect.FinalPhase), fix))
	}
	for i, p := range s.Expect.PhasePath {
		if p != "" && !slices.Contains(phases, p) {
			ps = append(ps, s.problem(fmt.Sprintf("expect.phase_path[%d]", i), fmt.Sprintf("%q is not a phase of the bot's manifest", p), fix))
		}
		if i == 0 || len(phases) == 0 || p == phases[0] {
			continue
		}
		prev := s.Expect.PhasePath[i-1]
		if pi, ci := slices.Index(phases, prev), slices.Index(phases, p); pi >= 0 && ci >= 0 && ci < pi {
			ps = append(ps, s.problem(fmt.Sprintf("expect.phase_path[%d]", i), fmt.Sprintf("goes back from %q to %q", prev, p),
				"list phases in the manifest's order ("+strings.Join(phases, ", ")+"); only a restart may return to "+phases[0]))
		}
	}
	return ps.Err()
}
