package l01unit_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// safetyProblems checks, on its own, that every pattern the suite will
// judge replies with compiles (Go RE2) and cannot match an empty reply,
// that every forbidden disclosure is allowed from a known phase after the
// first (or it forbids nothing), and that a prompt leak can be seen (a
// canary long enough not to turn up by chance).
func safetyProblems(m *bots.Manifest) []string {
	var out []string
	lists := map[string][]string{
		"persona.ai_disclosure":     m.Persona.AIDisclosure,
		"persona.human_claims":      m.Persona.HumanClaims,
		"safety.false_promises":     m.Safety.FalsePromises,
		"safety.retention_patterns": m.Safety.RetentionPatterns,
		"safety.transfer_patterns":  m.Safety.TransferPatterns,
	}
	for i, f := range m.Safety.ForbiddenUntilPhase {
		base := fmt.Sprintf("safety.forbidden_until_phase[%d]", i)
		lists[base+".patterns"] = f.Patterns
		if strings.TrimSpace(f.What) == "" {
			out = append(out, base+": says not what it forbids")
		}
		if len(f.Patterns) == 0 {
			out = append(out, base+": has no patterns, so it finds nothing")
		}
		switch at := m.PhaseIndex(f.AllowedFrom); {
		case at < 0:
			out = append(out, fmt.Sprintf("%s: allowed from %q, which is not a phase", base, f.AllowedFrom))
		case at == 0:
			out = append(out, fmt.Sprintf("%s: allowed from the first phase %q, so it forbids nothing", base, f.AllowedFrom))
		}
	}
	for _, field := range sortedKeys(lists) {
		for i, p := range lists[field] {
			re, err := regexp.Compile(p)
			switch {
			case err != nil:
				out = append(out, fmt.Sprintf("%s[%d] %q does not compile: %v", field, i, p, err))
			case re.MatchString(""):
				out = append(out, fmt.Sprintf("%s[%d] %q matches an empty reply, so it matches every reply", field, i, p))
			}
		}
	}
	if m.Persona.MustDiscloseAI && len(m.Persona.AIDisclosure) == 0 {
		out = append(out, "persona.must_disclose_ai is set but no persona.ai_disclosure pattern says what a disclosure looks like")
	}
	if len(m.Safety.Canaries) == 0 {
		out = append(out, "safety.canaries is empty: a prompt leak would go unseen")
	}
	for i, c := range m.Safety.Canaries {
		if len(strings.TrimSpace(c)) < 8 {
			out = append(out, fmt.Sprintf("safety.canaries[%d] %q is too short to be unique", i, c))
		}
	}
	return out
}

func TestSafetyRulesCompileAndNameAKnownPhase(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	assert.Empty(t, safetyProblems(m), "%s: the safety rules", m.File())

	// What the suite judges with is what the file says: no pattern dropped
	// on the way from the YAML to the compiled rules.
	c := m.Patterns()
	assert.Len(t, c.FalsePromises, len(m.Safety.FalsePromises), "compiled false promises")
	assert.Len(t, c.AIDisclosure, len(m.Persona.AIDisclosure), "compiled AI disclosures")
	assert.Len(t, c.HumanClaims, len(m.Persona.HumanClaims), "compiled human claims")
	assert.Len(t, c.Retention, len(m.Safety.RetentionPatterns), "compiled retention patterns")
	assert.Len(t, c.Transfer, len(m.Safety.TransferPatterns), "compiled transfer patterns")
	if assert.Len(t, c.Forbidden, len(m.Safety.ForbiddenUntilPhase), "compiled forbidden disclosures") {
		for i, rule := range c.Forbidden {
			assert.Len(t, rule.Patterns, len(m.Safety.ForbiddenUntilPhase[i].Patterns), "compiled patterns of %s", rule.What)
		}
	}

	// A forbidden disclosure is a leak before its phase and not from it on:
	// tried on the manifest's own examples that say it (a customer naming
	// their electricity company, say).
	tried := 0
	for _, rule := range m.Forbidden() {
		from := m.PhaseIndex(rule.AllowedFrom)
		for intent, byLang := range m.Intents.Utterances {
			for _, examples := range byLang {
				for _, u := range examples {
					if _, says := bots.FirstMatch(rule.Patterns, u); !says {
						continue
					}
					tried++
					for i, phase := range m.Graph.Phases {
						leaks := m.Leaks(phase, u)
						found := false
						for _, l := range leaks {
							found = found || l.What == rule.What
						}
						assert.Equal(t, i < from, found, "%q (an example of %s) said in phase %s: %s is allowed from %s, Leaks says %+v", u, intent, phase, rule.What, rule.AllowedFrom, leaks)
					}
				}
			}
		}
	}

	t.Logf("%s: %d examples that say a forbidden thing, tried in every phase", m.Name, tried)

	breaks(t, m, safetyProblems, map[string]func(c *bots.Manifest){
		"a false promise does not compile":  func(c *bots.Manifest) { c.Safety.FalsePromises = append(c.Safety.FalsePromises, "(?i)garantiz(amos") },
		"a human claim matches every reply": func(c *bots.Manifest) { c.Persona.HumanClaims = append(c.Persona.HumanClaims, "(?i)(human)?") },
		"a forbidden disclosure names an unknown phase": func(c *bots.Manifest) {
			c.Safety.ForbiddenUntilPhase = append(c.Safety.ForbiddenUntilPhase, bots.Forbidden{What: "prices", AllowedFrom: "l01_phase", Patterns: []string{"precio"}})
		},
		"a forbidden disclosure is allowed from the start": func(c *bots.Manifest) {
			c.Safety.ForbiddenUntilPhase = append(c.Safety.ForbiddenUntilPhase, bots.Forbidden{What: "prices", AllowedFrom: c.Graph.Phases[0], Patterns: []string{"precio"}})
		},
		"there is no canary": func(c *bots.Manifest) { c.Safety.Canaries = nil },
	})
}
