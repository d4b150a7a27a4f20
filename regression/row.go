package regression

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Row is one named production bug, as read from rows/<id>.yaml.
type Row struct {
	ID           string   `yaml:"id"`
	Title        string   `yaml:"title"`
	Found        string   `yaml:"found"`         // YYYY-MM-DD
	Scenario     string   `yaml:"scenario"`      // the persona that found it: "Spy Laura"
	ScenarioFile string   `yaml:"scenario_file"` // <bot>/<id> under sim/scenarios, when it is shipped
	FoundOn      string   `yaml:"found_on"`      // the bot it was found on
	Bots         []string `yaml:"bots"`          // the bots it applies to; empty = every bot
	Defect       string   `yaml:"defect"`        // the reference bot's seeded defect that reproduces it
	Fix          string   `yaml:"fix"`
	Language     string   `yaml:"language"` // the customer's language; "" = the manifest's default
	Conversation []Step   `yaml:"conversation"`
	Checks       []Check  `yaml:"checks"`

	File  string         `yaml:"-"` // where it was read from, as shown in messages
	lines map[string]int // field path → line in File
}

// Step is one thing the customer (or WhatsApp) does. Exactly one of Say,
// Intent, WalkToPhase and Redeliver is set.
type Step struct {
	Name string `yaml:"name"` // for checks and failure messages

	Say      string `yaml:"say"`      // this text, as written
	Intent   string `yaml:"intent"`   // an utterance of this manifest intent
	Matching string `yaml:"matching"` // with Intent: the first utterance matching this pattern
	Lang     string `yaml:"lang"`     // with Intent: the utterance's language; "" = the row's

	// WalkToPhase walks the manifest's shortest path to the nearest state
	// of the first of these phases the bot has.
	WalkToPhase []string `yaml:"walk_to_phase"`

	// Redeliver posts the previous message again, same WhatsApp message id,
	// as Meta does when it thinks a webhook was lost.
	Redeliver bool `yaml:"redeliver"`
}

// Check is one assertion over the replayed conversation.
type Check struct {
	Rule       string `yaml:"rule"`
	Step       string `yaml:"step"`       // the step it looks at, by name
	Disclosure string `yaml:"disclosure"` // pattern over safety.forbidden_until_phase[].what
	Patterns   string `yaml:"patterns"`   // a manifest pattern list, e.g. persona.ai_disclosure
	Pattern    string `yaml:"pattern"`    // or a pattern of the row's own
	OptedOut   *bool  `yaml:"opted_out"`  // rule session
}

// Name is the row as a test name: the date it was found, the persona who
// found it and its id ("2026-03-25_spy-laura_provider-names-before-comparison"),
// so a red run says at once which named bug is back.
func (r *Row) Name() string {
	return r.Found + "_" + kebab(r.Scenario) + "_" + r.ID
}

// Applies reports whether the row is about bot (an empty bots list means
// every bot).
func (r *Row) Applies(bot string) bool {
	return len(r.Bots) == 0 || slices.Contains(r.Bots, bot)
}

// Name is the check as a test name: its place in the row, its rule and the
// step it looks at ("2_reply_matches_asks_if_human").
func (c Check) Name(i int) string {
	name := strconv.Itoa(i+1) + "_" + c.Rule
	if c.Step != "" {
		name += "_" + c.Step
	}
	return name
}

// kebab is a persona's name as a test name: lower case, unaccented, words
// joined by "-" ("Busy Mum Lucía" → "busy-mum-lucia").
func kebab(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := unaccented[r]; ok {
			r = f
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// unaccented are the letters of the personas' names (Spanish) without
// their accents.
var unaccented = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n', 'à': 'a', 'è': 'e', 'ç': 'c'}
