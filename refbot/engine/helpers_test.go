package engine_test

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/defect"
	"github.com/caas-testing/caas-testing/refbot/engine"
)

const testPhone = "34600090001"

func load(t *testing.T, name string) *engine.Product {
	t.Helper()
	p, err := engine.Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %v", name, err)
	}
	return p
}

// chat is one customer talking to a product, turn by turn.
type chat struct {
	t    *testing.T
	p    *engine.Product
	d    defect.Set
	s    engine.Session
	last engine.Result
	said []string // every reply, in order
}

func newChat(t *testing.T, product string, defects ...string) *chat {
	t.Helper()
	p := load(t, product)
	d, err := defect.Parse(strings.Join(defects, ","))
	if err != nil {
		t.Fatal(err)
	}
	st, ph := p.Initial()
	return &chat{t: t, p: p, d: d, s: engine.Session{Phone: testPhone, State: st, Phase: ph}}
}

func (c *chat) send(in engine.Inbound) engine.Result {
	c.t.Helper()
	c.last = c.p.Step(c.s, in, c.d)
	c.s = c.last.Session
	c.said = append(c.said, c.last.Replies...)
	return c.last
}

func (c *chat) say(text string) engine.Result {
	c.t.Helper()
	return c.send(engine.Inbound{Type: "text", Text: text})
}

func (c *chat) tap(id, title string) engine.Result {
	c.t.Helper()
	return c.send(engine.Inbound{Type: "interactive", Text: title, ChoiceID: id})
}

func (c *chat) paid() engine.Result {
	c.t.Helper()
	c.last = c.p.PaymentCompleted(c.s, c.d)
	c.s = c.last.Session
	c.said = append(c.said, c.last.Replies...)
	return c.last
}

// reply is the last turn's replies as one text.
func (c *chat) reply() string { return strings.Join(c.last.Replies, "\n") }

func (c *chat) wantState(state string) {
	c.t.Helper()
	if c.s.State != state {
		c.t.Fatalf("state %q after %q, want %q; replies: %q", c.s.State, c.last.Intent, state, c.last.Replies)
	}
}

// happyPaths are the customer's messages from greeting to the product's
// last customer-driven state, per language.
var happyPaths = map[string]map[string][]string{
	"voyachat": {
		"es": {"hola", "sí", "Roma", "del 10 al 17 de agosto", "Carmen García López", "sí"},
		"en": {"hi", "yes", "Rome", "from 10 to 17 August", "John Smith", "yes, book it"},
	},
	"cambialeon": {
		"es": {"hola", "sí", "270", "4,6", "Iberdrola", "1", "Carmen García López", "12345678Z", "ES9121000418450200051332", "Calle Mayor 5, 28013 Madrid"},
		"en": {"hi", "yes", "270 kWh", "4.6 kW", "Iberdrola", "option 1", "John Smith", "12345678Z", "ES91 2100 0418 4502 0005 1332", "12 Gran Vía, 28013 Madrid"},
	},
}

// reached remembers where reach got to: Step never changes the session it
// is given, so a remembered session can be handed out again.
var reached = struct {
	sync.Mutex
	m map[string]chat
}{m: map[string]chat{}}

// reach plays the happy path until the session is in state. It also
// reaches declined (by declining), opted_out (STOP) and confirmed (paid).
func reach(t *testing.T, product, lang, state string, defects ...string) *chat {
	t.Helper()
	key := strings.Join(append([]string{product, lang, state}, defects...), "|")
	reached.Lock()
	seen, ok := reached.m[key]
	reached.Unlock()
	if ok {
		c := newChat(t, product, defects...)
		c.s, c.last = seen.s, seen.last
		return c
	}
	c := playTo(t, product, lang, state, defects...)
	reached.Lock()
	reached.m[key] = chat{s: c.s, last: c.last}
	reached.Unlock()
	return c
}

func playTo(t *testing.T, product, lang, state string, defects ...string) *chat {
	t.Helper()
	c := newChat(t, product, defects...)
	path := happyPaths[product][lang]
	switch state {
	case "declined":
		c.say(path[0])
		c.say(map[string]string{"es": "no", "en": "no"}[lang])
		c.wantState(state)
		return c
	case "opted_out":
		c.say(path[0])
		c.say("STOP")
		c.wantState(state)
		return c
	}
	for _, msg := range path {
		if c.s.State == state {
			return c
		}
		c.say(msg)
	}
	if c.s.State != state && state == "confirmed" {
		c.paid()
	}
	c.wantState(state)
	return c
}

// customerStates are the states a customer can write in (all but opted_out).
func customerStates(p *engine.Product) []string {
	var out []string
	for _, st := range sortedStates(p) {
		if st != "opted_out" {
			out = append(out, st)
		}
	}
	return out
}

func sortedStates(p *engine.Product) []string {
	g := p.Graph()
	var out []string
	for n := range g.States {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var spanishMarkers = map[string]bool{"de": true, "la": true, "tu": true, "que": true, "el": true, "para": true, "con": true, "escribe": true, "tus": true, "soy": true, "puedo": true, "te": true, "lo": true, "es": true,
	"quieres": true, "una": true, "por": true, "ejemplo": true, "gracias": true, "y": true, "en": true, "un": true, "del": true, "al": true, "mi": true,
	"perdido": true, "he": true, "cuál": true, "responde": true, "o": true, "disculpa": true, "perdona": true,
	"escríbeme": true, "entendido": true, "vamos": true, "paso": true, "creo": true, "eliges": true}
var englishMarkers = map[string]bool{"the": true, "you": true, "your": true, "to": true, "i": true, "write": true, "and": true, "is": true, "of": true, "for": true, "can": true, "it": true, "sorry": true, "didn": true, "got": true, "let": true, "step": true,
	"lost": true, "reply": true, "choose": true, "one": true, "think": true, "don": true, "do": true, "start": true,
	"thank": true, "where": true, "would": true, "like": true, "or": true, "in": true, "please": true, "example": true, "what": true, "which": true}

// languageOf guesses a reply's language by counting common words.
func languageOf(reply string) string {
	es, en := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(reply), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r > 127)
	}) {
		if spanishMarkers[w] {
			es++
		}
		if englishMarkers[w] {
			en++
		}
	}
	switch {
	case es > en:
		return "es"
	case en > es:
		return "en"
	}
	return "?"
}

func hasEvent(r engine.Result, kind engine.EventKind) (engine.Event, bool) {
	for _, e := range r.Events {
		if e.Kind == kind {
			return e, true
		}
	}
	return engine.Event{}, false
}

// firstExample is an intent's first example utterance in a language.
func firstExample(t *testing.T, p *engine.Product, intent, lang string) string {
	t.Helper()
	ex := p.Examples()[intent][lang]
	if len(ex) == 0 {
		t.Fatalf("%s: intent %q has no %s example", p.Name, intent, lang)
	}
	return ex[0]
}
