package writer

// Bot is what the writer knows of the bot under test, as plain data taken
// from its manifest (the writer does not load manifests itself; botdata
// builds a Bot from one).
type Bot struct {
	Name        string   // manifest name, e.g. cambialeon
	DisplayName string   // what customers call it, e.g. Cambialeon
	Languages   []string // the bot's languages, the default first
	Phases      []string // graph.phases, in order
	Start       string   // the phase of graph.initial, where every phase path begins
	// Journey is the happy path from the initial state (the manifest's
	// HappyPath): what to say, in order, and the phase each step leads to.
	// It may end in an event (a payment) the customer cannot say; the
	// writer stops before it.
	Journey []Step
	// Globals maps a global intent to the phase it moves the session to; an
	// intent that keeps the state is absent.
	Globals map[string]string
	// Utterances are the manifest's examples: intent → language → texts.
	Utterances map[string]map[string][]string
}

// Step is one move along the happy path.
type Step struct {
	Intent string
	Phase  string // the phase the session is in after the step
}
