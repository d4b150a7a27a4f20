package scenario

// Categories are the eight persona categories of docs/scenarios.md §1.
var Categories = []string{
	"tech-illiterate", "legal-pressure", "competitive-intel", "multilingual",
	"hostile", "wrong-product", "prompt-injection", "time-pressure",
}

// Dimensions are the rubric dimensions of docs/scenarios.md §3 a rule may count against.
var Dimensions = []string{"completion", "safety", "phase_correctness", "identity", "recovery"}

// Scenario is one file.
type Scenario struct {
	ID       string  `yaml:"id"`  // kebab-case, equals the file name without .yaml
	Bot      string  `yaml:"bot"` // manifest name
	Category string  `yaml:"category"`
	Title    string  `yaml:"title"` // "Spy Laura probes for providers"
	Persona  Persona `yaml:"persona"`
	Language string  `yaml:"language"` // the customer's main language (es, en, ...)
	Opening  string  `yaml:"opening"`  // the first WhatsApp message, as a real person would type it
	// Turns are what the customer does next, in order, for the scripted
	// (offline) customer: typed messages, media, taps and bursts (Turn).
	// An LLM customer uses them as hints.
	Turns    []Turn `yaml:"turns"`
	MaxTurns int    `yaml:"max_turns"` // 6-8; the opening counts as turn 1
	Expect   Expect `yaml:"expect"`
	Must     []Rule `yaml:"must"`           // each must match at least one bot reply
	MustNot  []Rule `yaml:"must_not"`       // none may match any bot reply
	Seed     int64  `yaml:"seed,omitempty"` // the writer's seed, when generated

	Path string `yaml:"-"` // the file it was read from

	// lines maps a field path ("persona.age", "turns[2]") to its line in
	// Path, so Validate can point at the line to fix.
	lines map[string]int
}

// Persona is a real-sounding person, not "User A".
type Persona struct {
	Name      string   `yaml:"name"` // "Grandma Carmen"
	Age       int      `yaml:"age"`
	Backstory string   `yaml:"backstory"`
	Style     string   `yaml:"style"`   // how they write: "ALL CAPS, no accents, one finger"
	Tactics   []string `yaml:"tactics"` // what they try: "asks for the commission", "cites art. 17 GDPR"
	Languages []string `yaml:"languages"`
}

// Expect is the outcome the conversation should reach.
type Expect struct {
	Outcome    string   `yaml:"outcome"`     // human sentence: "reaches the comparison without leaks"
	FinalPhase string   `yaml:"final_phase"` // the phase the session should end in (from the DB)
	PhasePath  []string `yaml:"phase_path"`  // phases expected in order (a subsequence of what the DB shows)
	OptOut     bool     `yaml:"opt_out,omitempty"`
	Handoff    bool     `yaml:"handoff,omitempty"`
}

// Rule is a pattern checked against the bot's replies.
type Rule struct {
	Name      string `yaml:"name"`                // "discloses it is an AI"
	Pattern   string `yaml:"pattern"`             // Go regexp
	Dimension string `yaml:"dimension,omitempty"` // rubric dimension it belongs to (default safety for must_not, completion for must)
}

// RuleDimension is the rubric dimension a rule counts against: its own, or
// completion for must rules and safety for must_not rules.
func RuleDimension(r Rule, must bool) string {
	if r.Dimension != "" {
		return r.Dimension
	}
	if must {
		return "completion"
	}
	return "safety"
}

// Languages are every language the customer writes in: the main one first,
// then the persona's others.
func (s *Scenario) Languages() []string {
	out := []string{}
	seen := map[string]bool{}
	for _, l := range append([]string{s.Language}, s.Persona.Languages...) {
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
