package engine

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

// State names the engine itself sends sessions to (GRAPHS.md).
const (
	stateOptedOut = "opted_out"
	intentPaid    = "paid"
	keepRecent    = 6 // replies remembered for loop avoidance
)

// turn is one Step in progress: the session being changed and what the turn
// has produced so far.
type turn struct {
	p       *Product
	d       defect.Set
	s       Session
	intent  string
	replies []string
	events  []Event
	extra   map[string]string // template values of this turn only ({reference}, {data})
}

// Step handles one inbound message. Deterministic: same session and message,
// same result. d switches on the engine-side seeded defects.
func (p *Product) Step(s Session, in Inbound, d defect.Set) Result {
	t := p.begin(s, d)
	t.handle(in)
	return t.finish()
}

// PaymentCompleted advances a session whose Stripe checkout completed. Only
// a state with a "paid" transition moves; anywhere else (a late or repeated
// event, an opted-out customer) nothing changes and nothing is said.
func (p *Product) PaymentCompleted(s Session, d defect.Set) Result {
	t := p.begin(s, d)
	t.s.Turn-- // not a customer message
	t.intent = intentPaid
	if next, ok := t.state().On[intentPaid]; ok && !t.s.OptedOut {
		t.enter(next, "")
	}
	return t.finish()
}

func (p *Product) begin(s Session, d defect.Set) *turn {
	s.Data = maps.Clone(s.Data)
	if s.Data == nil {
		s.Data = map[string]string{}
	}
	s.Recent = slices.Clone(s.Recent)
	s.Turn++
	if _, ok := p.f.States[s.State]; !ok {
		s.State = p.f.Initial
	}
	s.Phase = p.f.States[s.State].Phase
	return &turn{p: p, d: d, s: s, extra: map[string]string{}}
}

func (t *turn) finish() Result {
	t.s.Phase = t.state().Phase
	t.s.Recent = append(t.s.Recent, t.replies...)
	if n := len(t.s.Recent); n > keepRecent {
		t.s.Recent = slices.Clone(t.s.Recent[n-keepRecent:])
	}
	return Result{Session: t.s, Intent: t.intent, Replies: t.replies, Events: t.events}
}

func (t *turn) state() stateSpec { return t.p.f.States[t.s.State] }

// mediaTexts answers the message types the bot cannot read.
var mediaTexts = map[string]string{
	"image": "media_visual", "video": "media_visual", "sticker": "media_visual",
	"audio": "media_audio", "voice": "media_audio", "document": "media_document",
	"location": "media_location", "contacts": "media_contacts",
}

func (t *turn) handle(in Inbound) {
	id := strings.ToLower(strings.TrimSpace(in.ChoiceID))
	text := in.Text
	if strings.TrimSpace(text) == "" && id != "" {
		text = strings.NewReplacer("_", " ", "-", " ").Replace(id)
	}
	u := newUtterance(text)
	t.s.Language = t.p.detectLanguage(t.s, u)

	if t.s.OptedOut {
		// Nothing is ever sent to an opted-out customer, except the welcome
		// back when they ask to start again.
		if start := t.p.intents["start"]; start.hasID(id) || t.p.score(start, u) > 0 {
			t.intent = "start"
			t.optIn()
			return
		}
		t.intent = "ignored"
		return
	}
	switch in.Type {
	case "", "text", "interactive", "button":
	case "reaction":
		t.intent = "reaction" // an emoji on our message: nothing to answer
		return
	default:
		key := mediaTexts[in.Type]
		t.intent = "media"
		if key == "" {
			t.intent, key = "unsupported", "unsupported"
		}
		t.sayStay(t.text(key))
		return
	}
	t.intent = t.recognise(u, id)
	t.dispatch(u, id)
}

// recognise names the intent of a message: an interactive reply id, then the
// global intents in order, then the state's own.
func (t *turn) recognise(u utterance, id string) string {
	st := t.state()
	on := sortedKeys(st.On)
	if id != "" {
		for _, g := range t.p.globals {
			if g.name != "start" && g.hasID(id) {
				return g.name
			}
		}
		for _, name := range on {
			if in := t.p.intents[name]; in != nil && in.hasID(id) {
				return name
			}
		}
	}
	for _, g := range t.p.globals {
		if g.name != "start" && t.p.score(g, u) > 0 { // start only wakes opted-out sessions
			return g.name
		}
	}
	if st.Slot != nil {
		return st.Slot.Intent // the validator decides in dispatch
	}
	best, bestScore := "nonsense", 0
	for _, name := range on {
		if in := t.p.intents[name]; in != nil {
			if sc := t.p.score(in, u); sc > bestScore {
				best, bestScore = name, sc
			}
		}
	}
	return best
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// dispatch carries out the recognised intent.
func (t *turn) dispatch(u utterance, id string) {
	switch t.intent {
	case "stop":
		if t.d.On("no-optout") {
			// Seeded bug: a refactor of the global handlers left opt-out
			// recognised but routed to the fallback, like any unknown text.
			t.nonsense(u)
			return
		}
		t.optOut()
	case "gdpr_erasure":
		t.erase()
	case "gdpr_access":
		t.access()
	case "privacy":
		t.sayStay(t.privacyNotice())
	case "human":
		if t.d.On("no-handoff") {
			// Seeded bug: the handoff queue was switched off and the
			// request falls through to the fallback re-prompt.
			t.nonsense(u)
			return
		}
		t.s.Handoff = true
		t.events = append(t.events, Event{Kind: EventHandoff})
		t.sayStay(t.text("handoff"))
	case "are_you_bot":
		if t.d.On("claims-human") {
			// Seeded bug: a "warmer" persona text that denies being a bot.
			t.sayStay(t.text("human_claim"))
			return
		}
		t.sayStay(t.text("ai_disclosure"))
	case "injection":
		if t.d.On("prompt-leak") {
			// Seeded bug: a debug branch left in the refusal handler
			// answers with the prompt it was given.
			t.sayStay(t.text("prompt_dump"))
			return
		}
		t.sayStay(t.text("injection_refusal"))
	case "probe":
		t.sayStay(t.text("probe"))
	case "lookup":
		t.lookup(u)
	case "wrong_product", "hostile":
		t.sayStay(t.text(t.intent))
	case "help":
		t.say(t.render(t.state().Help) + " " + t.text("help_footer"))
	case "restart":
		t.forget()
		t.enter(t.p.f.Initial, t.text("restart_done"))
	case "language":
		if lang := t.p.requestedLanguage(u); lang != "" {
			t.s.Language = lang
		}
		t.sayStay(t.text("language_switched"))
	case "nonsense":
		t.nonsense(u)
	default:
		t.advance(u, id)
	}
}

// advance takes one of the state's own transitions, with its side effects.
func (t *turn) advance(u utterance, id string) {
	st := t.state()
	if st.Slot != nil && t.intent == st.Slot.Intent {
		vals, ok := t.validate(st.Slot, u, id)
		if !ok {
			t.nonsense(u)
			return
		}
		for k, v := range vals {
			t.s.Data[k] = v
		}
		t.p.derive(t.s.Data)
	}
	if st.Consent {
		granted := t.intent == "accept"
		t.s.Consented = granted
		t.events = append(t.events, Event{Kind: EventConsent, Granted: granted, Text: t.consentText()})
	}
	if st.Receipt != nil {
		fields := map[string]string{}
		for _, f := range st.Receipt.Fields {
			fields[f] = t.s.Data[f]
		}
		t.events = append(t.events, Event{Kind: EventReceipt, ReceiptKind: st.Receipt.Kind, Fields: fields})
	}
	if st.Checkout == t.intent {
		t.checkout()
	}
	t.enter(st.On[t.intent], "")
}

// enter moves the session to a state and says its prompt, after lead when
// there is one.
func (t *turn) enter(next, lead string) {
	if next == t.p.consentAt && !t.s.Consented && t.d.On("phase-skip") {
		// Seeded bug: the consent gate treats "they wrote to us first" as
		// consent and goes straight to the first data question.
		next = t.p.f.States[t.p.consentAt].On["accept"]
	}
	t.s.State = next
	t.s.Phase = t.state().Phase
	msg := t.render(t.state().Prompt)
	if lead != "" {
		msg = lead + "\n\n" + msg
	}
	t.say(msg)
}

// forget drops what the customer told us: a fresh start asks for consent
// again.
func (t *turn) forget() {
	t.s.Data = map[string]string{}
	t.s.Consented = false
}

func (t *turn) optOut() {
	t.s.OptedOut = true
	t.s.State = stateOptedOut
	t.events = append(t.events, Event{Kind: EventOptOut})
	t.say(t.text("opted_out"))
}

func (t *turn) optIn() {
	t.s.OptedOut = false
	t.forget()
	t.events = append(t.events, Event{Kind: EventOptIn})
	t.enter(t.p.f.Initial, t.text("welcome_back"))
}

func (t *turn) erase() {
	t.forget()
	t.events = append(t.events, Event{Kind: EventGDPRErasure})
	t.enter(t.p.f.Initial, t.text("erased"))
}
