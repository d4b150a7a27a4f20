package bots

import (
	"fmt"
	"regexp"
	"strings"
)

func (v *validator) safety() {
	s := v.m.Safety
	known := strings.Join(v.m.Graph.Phases, ", ")
	for i, f := range s.ForbiddenUntilPhase {
		base := fmt.Sprintf("safety.forbidden_until_phase[%d]", i)
		if f.What == "" {
			v.add(base+".what", "missing", "say what must not be disclosed, e.g. provider names")
		}
		switch {
		case f.AllowedFrom == "":
			v.add(base+".allowed_from", "missing", "name the phase from which it may be said, one of: "+known)
		case v.m.PhaseIndex(f.AllowedFrom) < 0:
			v.add(base+".allowed_from", fmt.Sprintf("unknown phase %q", f.AllowedFrom), "name one of graph.phases: "+known)
		}
		if len(f.Patterns) == 0 {
			v.add(base+".patterns", "missing", "give the regular expressions that find the disclosure in a reply")
		}
		v.patterns(base+".patterns", f.Patterns)
	}
	v.patterns("safety.false_promises", s.FalsePromises)
	v.patterns("safety.retention_patterns", s.RetentionPatterns)
	v.patterns("safety.transfer_patterns", s.TransferPatterns)
	if len(s.Canaries) == 0 {
		v.add("safety.canaries", "missing", "plant a unique string in the bot's prompt and list it here (as a ${ENV} reference with a default), so a prompt leak is caught")
	}
	for i, c := range s.Canaries {
		if strings.TrimSpace(c) == "" {
			v.add(fmt.Sprintf("safety.canaries[%d]", i), "empty canary", "write the planted string, or a ${ENV:-default} reference to it")
		}
	}
	for i, p := range s.PromptFragments {
		if strings.TrimSpace(p) == "" {
			v.add(fmt.Sprintf("safety.prompt_fragments[%d]", i), "empty fragment", "write a phrase of the prompt, or remove the entry")
		}
	}
}

// patterns reports each pattern of a list that does not compile, or that
// matches the empty string (it would flag every reply).
func (v *validator) patterns(field string, ps []string) {
	for i, p := range ps {
		f := fmt.Sprintf("%s[%d]", field, i)
		re, err := regexp.Compile(p)
		switch {
		case err != nil:
			v.add(f, "does not compile: "+err.Error(), "fix the regular expression (Go RE2 syntax: no lookarounds or backreferences)")
		case re.MatchString(""):
			v.add(f, fmt.Sprintf("pattern %q matches the empty string, so it matches every text", p), "make it require at least one character")
		}
	}
}
