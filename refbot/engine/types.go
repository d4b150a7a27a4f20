package engine

// Session is the conversation state the engine reads and returns. The
// server loads it from the database, hands it to Step, and persists what
// Step returns; the engine itself never touches the database.
type Session struct {
	Phone     string
	State     string
	Phase     string
	Language  string            // "es" or "en"
	Data      map[string]string // collected fields (name, destination, consumption_kwh, dni, iban, ...)
	OptedOut  bool
	Handoff   bool
	Consented bool
	Turn      int      // inbound messages handled so far
	Recent    []string // the bot's last few replies, newest last (for loop avoidance)
}

// Inbound is one customer message, already reduced from the WhatsApp payload.
type Inbound struct {
	Type     string // text, interactive, button, image, audio, video, document, sticker, location, contacts, reaction, unsupported, ...
	Text     string // text body; caption of media; title of a button/list reply; empty otherwise
	ChoiceID string // interactive button_reply/list_reply id, or template button payload
}

// EventKind is a side effect the server must carry out in the same
// transaction as the state change.
type EventKind string

const (
	EventConsent       EventKind = "consent"        // Granted + Text: record the consent answer
	EventOptOut        EventKind = "opt_out"        // mark the session opted out; send nothing more
	EventOptIn         EventKind = "opt_in"         // customer asked to be contacted again
	EventHandoff       EventKind = "handoff"        // a human was offered / requested
	EventGDPRAccess    EventKind = "gdpr_access"    // record the access request
	EventGDPRErasure   EventKind = "gdpr_erasure"   // erase the phone's personal data, record the request
	EventReceipt       EventKind = "receipt"        // create a receipt (Kind, Fields); the reply holds {receipt_url}
	EventLookup        EventKind = "lookup"         // look up receipt Reference; the server fills {lookup_result}
	EventCheckoutStart EventKind = "checkout_start" // a Stripe checkout link was sent
)

// Event is one side effect of a turn.
type Event struct {
	Kind        EventKind
	Granted     bool              // EventConsent
	Text        string            // EventConsent: the consent text shown
	ReceiptKind string            // EventReceipt: "booking" or "quote"
	Fields      map[string]string // EventReceipt: customer-supplied data shown on the page
	Reference   string            // EventLookup: the reference the customer quoted
}

// Result is what one turn produced.
type Result struct {
	Session Session  // the session after the turn
	Intent  string   // the intent recognised (graph intent name, or a global one: stop, help, ...)
	Replies []string // texts to send, in order; may contain the placeholders {receipt_url}, {lookup_result}
	Events  []Event
}
