package scenario

import "strings"

// The kinds of customer turn (docs/scenarios.md §4). Real customers do not
// only type: they send voice notes and photos of the bill, tap the buttons
// the bot offered, and fire several messages before the bot can answer.
const (
	TurnText     = "text"     // a typed message
	TurnAudio    = "audio"    // a voice note, or an attached audio file
	TurnImage    = "image"    // a photo, with an optional caption
	TurnDocument = "document" // a file, by its name, with an optional caption
	TurnLocation = "location" // a pin, optionally a named place
	TurnButton   = "button"   // a tap on a reply button or a list row, by its title
	TurnBurst    = "burst"    // several texts delivered before the bot is waited for
)

// TurnKinds are every kind, in the order the schema documents them.
var TurnKinds = []string{TurnText, TurnAudio, TurnImage, TurnDocument, TurnLocation, TurnButton, TurnBurst}

// Burst sizes: one message is a text turn; more than ten is a flood, which
// the webhook layers test, not a customer.
const (
	MinBurst = 2
	MaxBurst = 10
)

// Turn is one thing the customer does before waiting for the bot. In a
// file it is a plain string (a text) or a mapping with one kind key; see
// sim/scenarios/README.md.
type Turn struct {
	Kind string // one of TurnKinds; "" reads as text
	// Text is the words the turn carries: a text's message, a button's
	// title, an image's or a document's caption ("" = none).
	Text     string
	Voice    bool     // audio: recorded in WhatsApp (true) or an attached file
	Filename string   // document: its name; the extension gives the MIME type
	Place    *Place   // location
	List     bool     // button: a row of a list message, not a reply button
	ID       string   // button: the id the bot gave it; "" = the runner finds it from the manifest
	Burst    []string // burst: the messages, in the order they are sent
}

// Place is where a location turn points.
type Place struct {
	Latitude  float64
	Longitude float64
	Name      string // a picked place's name; "" = a raw pin
	Address   string
}

// Text is a typed message.
func Text(s string) Turn { return Turn{Kind: TurnText, Text: s} }

// TextTurns are typed messages, one turn each.
func TextTurns(msgs []string) []Turn {
	out := make([]Turn, len(msgs))
	for i, m := range msgs {
		out[i] = Text(m)
	}
	return out
}

// Type is the turn's kind, text when none is set.
func (t Turn) Type() string {
	if t.Kind == "" {
		return TurnText
	}
	return t.Kind
}

// Said is what the turn says in words, as a bot that reads no media sees
// it: the text or title, a caption, a place's name and address, a burst's
// messages one per line; "" for a voice note.
func (t Turn) Said() string {
	switch t.Type() {
	case TurnBurst:
		return strings.Join(t.Burst, "\n")
	case TurnLocation:
		if t.Place == nil {
			return ""
		}
		var parts []string
		for _, s := range []string{t.Place.Name, t.Place.Address} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	case TurnAudio:
		return ""
	}
	return t.Text
}

// Script is the scripted customer's turns in order: the opening (a text),
// then the turns, cut at MaxTurns.
func (s *Scenario) Script() []Turn {
	out := append([]Turn{Text(s.Opening)}, s.Turns...)
	if s.MaxTurns > 0 && len(out) > s.MaxTurns {
		out = out[:s.MaxTurns]
	}
	return out
}

// Messages are what the scripted customer says in words, one entry per
// turn (see Turn.Said): the opening, then the turns, cut at MaxTurns.
func (s *Scenario) Messages() []string {
	script := s.Script()
	out := make([]string, len(script))
	for i, t := range script {
		out[i] = t.Said()
	}
	return out
}
