package judge

import (
	"fmt"
	"regexp"
)

// pattern is one compiled rule pattern. Guarded patterns skip a match that
// is negated by the word before it, so "no soy una persona" is not read as
// the claim "soy una persona".
type pattern struct {
	re      *regexp.Regexp
	guarded bool
}

// patterns is a list tried in order.
type patterns []pattern

// find returns the first unnegated match of any pattern in text.
func (ps patterns) find(text string) (start, end int, ok bool) {
	for _, p := range ps {
		for _, loc := range p.re.FindAllStringIndex(text, -1) {
			if p.guarded && negated(text, loc[0], loc[1]) {
				continue
			}
			return loc[0], loc[1], true
		}
	}
	return 0, 0, false
}

// compileList compiles manifest or scenario patterns. A pattern that does
// not compile cannot be checked, and that is itself worth telling: it
// becomes a zero-point finding instead of silently passing.
func (in *input) compileList(dim Dimension, where string, srcs []string, guarded bool) patterns {
	var ps patterns
	for _, src := range srcs {
		if src == "" {
			continue
		}
		re, err := regexp.Compile(src)
		if err != nil {
			in.problems = append(in.problems, Finding{
				Dimension: dim, Severity: Low, Rule: "invalid-pattern", Evidence: src,
				Message: fmt.Sprintf("%s: pattern does not compile (%v); fix it so this rule can be checked", where, err),
			})
			continue
		}
		ps = append(ps, pattern{re: re, guarded: guarded})
	}
	return ps
}

// builtin compiles the judge's own patterns, which are known to be valid.
func builtin(guarded bool, srcs ...string) patterns {
	ps := make(patterns, len(srcs))
	for i, s := range srcs {
		ps[i] = pattern{re: regexp.MustCompile(s), guarded: guarded}
	}
	return ps
}
