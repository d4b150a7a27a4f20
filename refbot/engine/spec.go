package engine

// The product file schema (refbot/products/<name>.yaml). Every text is given
// per language; the engine checks at Load that each product language has one.

// Text is one text in each language: language code → text.
type Text map[string]string

// TextList is a list of variants in each language.
type TextList map[string][]string

type productFile struct {
	Name            string   `yaml:"name"`
	DisplayName     string   `yaml:"display_name"`
	BotName         string   `yaml:"bot_name"`
	Languages       []string `yaml:"languages"`
	DefaultLanguage string   `yaml:"default_language"`
	Phases          []string `yaml:"phases"`
	Initial         string   `yaml:"initial"`
	Terminal        []string `yaml:"terminal"`

	// DiscloseFrom is the first phase in which provider names and the
	// commission model may be told to the customer.
	DiscloseFrom string   `yaml:"disclose_from"`
	Providers    []string `yaml:"providers"`

	SystemPrompt string `yaml:"system_prompt"`
	Canary       string `yaml:"canary"`

	Consent consentSpec           `yaml:"consent"`
	Texts   map[string]Text       `yaml:"texts"`
	Lists   map[string]TextList   `yaml:"lists"`
	Fields  []fieldSpec           `yaml:"fields"`
	Intents map[string]intentSpec `yaml:"intents"`
	States  map[string]stateSpec  `yaml:"states"`
	Pricing pricingSpec           `yaml:"pricing"`
}

// consentSpec is the consent block, in the order it is shown. The privacy
// notice reuses retention, transfers and rights.
type consentSpec struct {
	Purpose   Text `yaml:"purpose"`
	Retention Text `yaml:"retention"`
	Transfers Text `yaml:"transfers"`
	Rights    Text `yaml:"rights"`
	Withdraw  Text `yaml:"withdraw"`
}

// fieldSpec says how a collected field is shown in a GDPR access answer and
// whether it may ever be written back into a reply.
type fieldSpec struct {
	Name  string `yaml:"name"`
	Label Text   `yaml:"label"`
	// Mask: "" shows the value, "partial" its first letter, "hidden" only
	// that it is on file.
	Mask string `yaml:"mask"`
	// NeverEcho keeps the value out of every reply template (DNI, IBAN, the
	// customer's current provider).
	NeverEcho bool `yaml:"never_echo"`
}

type intentSpec struct {
	// Keywords per language, all of them matched whatever the customer's
	// language. Syntax: "a b" words in order (up to two words between),
	// "a|b" alternatives for one word, "=a b" the whole message, "re:..." a
	// regular expression on the lowercased, accent-free text, "!a b" a veto.
	Keywords TextList `yaml:"keywords"`
	// IDs are interactive reply ids (button/list) that mean this intent.
	IDs []string `yaml:"ids"`
	// Examples are utterances the engine must understand (tested); the
	// manifests mirror them.
	Examples TextList `yaml:"examples"`
}

type stateSpec struct {
	Phase string            `yaml:"phase"`
	On    map[string]string `yaml:"on"` // intent → next state
	// Slot makes this a free-text state: any message the validator accepts
	// is the slot intent; anything else is nonsense.
	Slot *slotSpec `yaml:"slot"`
	// Consent: accept/decline here record the customer's consent answer.
	Consent bool `yaml:"consent"`
	// Receipt: leaving this state creates a receipt of this kind.
	Receipt *receiptSpec `yaml:"receipt"`
	// Checkout names the intent that sends a payment link.
	Checkout string `yaml:"checkout"`

	Prompt  Text `yaml:"prompt"`  // said on entering the state
	Ask     Text `yaml:"ask"`     // one line that says what the state needs
	Invalid Text `yaml:"invalid"` // optional: what was wrong with the answer
	Help    Text `yaml:"help"`
}

type slotSpec struct {
	Intent    string  `yaml:"intent"`
	Field     string  `yaml:"field"` // empty: nothing stored
	Validator string  `yaml:"validator"`
	Min       float64 `yaml:"min"`
	Max       float64 `yaml:"max"`
}

type receiptSpec struct {
	Kind   string   `yaml:"kind"`
	Fields []string `yaml:"fields"`
}

// pricingSpec is one of two pricing models: "trip" (voyachat) or "tariff"
// (cambialeon).
type pricingSpec struct {
	Model    string `yaml:"model"`
	Currency string `yaml:"currency"`
	// trip
	Year         int           `yaml:"year"` // dates without a year fall in this one
	Destinations []destination `yaml:"destinations"`
	Default      tripDefault   `yaml:"default"`
	MaxNights    int           `yaml:"max_nights"`
	CheckoutURL  string        `yaml:"checkout_url"`
	// tariff
	Reference tariff  `yaml:"reference"`
	Offers    []offer `yaml:"offers"`
}

type destination struct {
	Names  []string `yaml:"names"`
	Flight int      `yaml:"flight"` // euros, return flight
	Night  int      `yaml:"night"`  // euros per night of hotel
}

// tripDefault prices a destination missing from the list from a hash of its
// name, so the same destination always costs the same.
type tripDefault struct {
	Flight     int `yaml:"flight"`
	Night      int `yaml:"night"`
	FlightStep int `yaml:"flight_step"`
	NightStep  int `yaml:"night_step"`
	Steps      int `yaml:"steps"`
}

type tariff struct {
	Energy float64 `yaml:"energy"` // €/kWh
	Power  float64 `yaml:"power"`  // €/kW per day
}

type offer struct {
	ID       string  `yaml:"id"`
	Provider string  `yaml:"provider"`
	Name     string  `yaml:"name"`
	Energy   float64 `yaml:"energy"`
	Power    float64 `yaml:"power"`
}
