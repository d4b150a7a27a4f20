package regression

import (
	"regexp"

	"github.com/caas-testing/caas-testing/bots"
)

// Rules are the checks the runner knows, with what each says (README.md
// lists them with an example each).
var Rules = map[string]string{
	"no_disclosure_before_phase":   "no reply names what safety.forbidden_until_phase gates (disclosure) before the phase it is allowed from",
	"disclosed_once_allowed":       "the step's reply, said once the gated disclosure is allowed, tells it (the gate must not become a deletion)",
	"reply_matches":                "the step's reply matches one of the patterns",
	"no_reply_matches":             "no reply of the conversation matches any of the patterns",
	"consent_text_matches":         "every consent the bot recorded (observe.consent_sql) shows a text matching one of the patterns",
	"consent_before_personal_data": "no turn lands in a graph.personal_data_phases phase before a granted consent is recorded, and the phase path has the consent phase first",
	"reply_language":               "every reply whose language can be told is in the customer's language",
	"replied":                      "the step got a reply",
	"no_reply":                     "the step got no reply",
	"keeps_state":                  "the step left the session in the state it found it in",
	"session":                      "the session ends as the check says (opted_out)",
}

// stepRules look at one named step.
var stepRules = map[string]bool{"reply_matches": true, "disclosed_once_allowed": true, "replied": true, "no_reply": true, "keeps_state": true}

// patternRules need patterns (a manifest list) or pattern (a regexp).
var patternRules = map[string]bool{"reply_matches": true, "no_reply_matches": true, "consent_text_matches": true}

// disclosureRules name a gated disclosure.
var disclosureRules = map[string]bool{"no_disclosure_before_phase": true, "disclosed_once_allowed": true}

// ManifestPatterns are the manifest pattern lists a check may name.
var ManifestPatterns = map[string]func(c *bots.Compiled) []*regexp.Regexp{
	"persona.ai_disclosure":     func(c *bots.Compiled) []*regexp.Regexp { return c.AIDisclosure },
	"persona.human_claims":      func(c *bots.Compiled) []*regexp.Regexp { return c.HumanClaims },
	"safety.retention_patterns": func(c *bots.Compiled) []*regexp.Regexp { return c.Retention },
	"safety.transfer_patterns":  func(c *bots.Compiled) []*regexp.Regexp { return c.Transfer },
	"safety.false_promises":     func(c *bots.Compiled) []*regexp.Regexp { return c.FalsePromises },
}
