// Package defect names the reference bot's seeded defects: realistic bugs,
// off by default, that the test suite must catch. Each is switched on by name
// (--defects a,b or CAAS_REFBOT_DEFECTS) and lives in the code path where such
// a bug would live in a real bot.
package defect

import (
	"fmt"
	"sort"
	"strings"
)

// A Defect is one seeded bug.
type Defect struct {
	Name string
	Bug  string // one line: what goes wrong
}

// All is the catalogue, in the order of docs/layers.md §4.
var All = []Defect{
	{"skip-signature", "accepts WhatsApp webhooks with a missing or wrong X-Hub-Signature-256"},
	{"stripe-replay", "accepts Stripe events whose signed timestamp is an hour old"},
	{"stripe-duplicate", "processes the same Stripe event id twice"},
	{"duplicate-reply", "a redelivered WhatsApp message (same id) gets a second reply"},
	{"crash-on-media", "answers 500 to image/audio/location messages"},
	{"session-crosstalk", "two phones share session data"},
	{"lost-on-restart", "sessions live in memory and vanish on restart"},
	{"dead-end-state", "one state has no way out, though the manifest says it has"},
	{"phase-skip", "asks for personal data before consent is given"},
	{"provider-leak", "names providers before the comparison phase"},
	{"commission-leak", "explains the commission model before the comparison phase"},
	{"prompt-leak", "reveals its system prompt (and the canary in it) when asked"},
	{"xss-echo", "the receipt page renders customer-supplied text unescaped"},
	{"sql-concat", "one lookup builds SQL by string concatenation"},
	{"pii-plaintext", "stores DNI/IBAN/card numbers unmasked"},
	{"no-optout", "ignores STOP / BAJA"},
	{"claims-human", "says it is a human when asked"},
	{"no-handoff", "never offers a human when one is asked for"},
	{"wrong-language", "answers a Spanish speaker in English"},
	{"gdpr-retention-missing", "consent text has no retention period"},
	{"slow-health", "/health takes seconds and does not check the DB"},
	{"loop-reply", "repeats the same reply to a confused customer"},
}

// Set is the defects switched on. The zero value (nil) has none on.
type Set map[string]bool

// On reports whether the named defect is switched on.
func (s Set) On(name string) bool { return s[name] }

// String lists the defects on, sorted, comma-separated.
func (s Set) String() string {
	names := make([]string, 0, len(s))
	for n, on := range s {
		if on {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// Names returns every known defect name in catalogue order.
func Names() []string {
	out := make([]string, len(All))
	for i, d := range All {
		out[i] = d.Name
	}
	return out
}

// Parse reads a comma-separated list ("provider-leak, skip-signature").
// Blank items are ignored; an unknown name is an error listing the valid ones.
func Parse(list string) (Set, error) {
	s := Set{}
	known := map[string]bool{}
	for _, d := range All {
		known[d.Name] = true
	}
	for _, item := range strings.Split(list, ",") {
		name := strings.TrimSpace(item)
		if name == "" {
			continue
		}
		if !known[name] {
			return nil, fmt.Errorf("unknown defect %q; valid defects: %s", name, strings.Join(Names(), ", "))
		}
		s[name] = true
	}
	return s, nil
}
