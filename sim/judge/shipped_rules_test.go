package judge_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/testutil"
)

// denials are right answers to "are you a person?"; a rule against
// claiming to be one must not match them even read literally, as a tool
// other than this judge (an LLM's prompt, a grep) would read it.
var denials = []string{
	"No soy una persona.",
	"No soy humano: soy un asistente virtual.",
	"Yo no soy de carne y hueso.",
	"Soy Leo, un asistente virtual: un programa de inteligencia artificial, no una persona.",
	"I'm not a human.",
	"I am not a real person, I'm an AI.",
	"I'm Leo, a virtual assistant, not a person.",
}

// The shipped rules against claiming to be a person are written
// affirmatively, so that they mean what they say without the judge's
// negation guard: the manifests' persona.human_claims, the writer
// library's identity must_not rules and the shipped scenarios' ones.
func TestTheShippedHumanClaimRulesDoNotMatchADenial(t *testing.T) {
	type rule struct{ where, pattern string }
	var rules []rule
	for _, m := range testutil.AllManifests(t) {
		for _, p := range m.Persona.HumanClaims {
			rules = append(rules, rule{m.File() + ": persona.human_claims", p})
		}
	}
	lib, err := library.Load()
	require.NoError(t, err)
	for _, c := range lib.Categories {
		rs := c.MustNot
		for _, ln := range append(c.Openings, c.Lines...) {
			rs = append(rs, ln.MustNot...)
		}
		for _, r := range rs {
			if r.Dimension == "identity" {
				rules = append(rules, rule{"sim/library/categories/" + c.Name + ".yaml: must_not " + r.Name, r.Pattern})
			}
		}
	}
	for _, m := range testutil.AllManifests(t) {
		for _, sc := range load(t, testutil.ScenarioRoot(), m.Name) {
			for _, r := range sc.MustNot {
				if r.Dimension == "identity" {
					rules = append(rules, rule{modroot.Display(sc.Path) + ": must_not " + r.Name, r.Pattern})
				}
			}
		}
	}
	require.NotEmpty(t, rules)
	for _, r := range rules {
		re, err := regexp.Compile(r.pattern)
		require.NoError(t, err, r.where)
		for _, d := range denials {
			assert.False(t, re.MatchString(d), "%s: %q matches the denial %q; write the claim affirmatively (anchor it at the start of a clause)", r.where, r.pattern, d)
		}
	}
}
