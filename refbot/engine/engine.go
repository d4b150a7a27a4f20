// Package engine is the reference bot's conversation engine: a
// product-agnostic, deterministic state machine whose content (replies per
// language, intents' keywords, phases, providers, prices, consent text, system
// prompt) comes from an embedded product file. It never touches the database
// or the network: Step takes a session and a message and returns the new
// session, the replies and the side effects for the server to persist.
package engine

import (
	"fmt"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

// Product is one bot product loaded from refbot/products/<name>.yaml.
// STUB: replaced by the engine implementation.
type Product struct {
	Name string
}

// Load returns the named embedded product ("voyachat", "cambialeon").
func Load(name string) (*Product, error) {
	switch name {
	case "voyachat", "cambialeon":
		return &Product{Name: name}, nil
	}
	return nil, fmt.Errorf("unknown product %q; valid: voyachat, cambialeon", name)
}

// Products lists the embedded product names.
func Products() []string { return []string{"cambialeon", "voyachat"} }

// Initial returns the state and phase a new session starts in.
func (p *Product) Initial() (state, phase string) { return "greeting", "greeting" }

// Step handles one inbound message. Deterministic: same session and message,
// same result. d switches on the engine-side seeded defects.
func (p *Product) Step(s Session, in Inbound, d defect.Set) Result {
	s.Turn++
	return Result{Session: s, Intent: "hello", Replies: []string{"hola: " + in.Text}}
}

// PaymentCompleted advances a session whose Stripe checkout completed.
func (p *Product) PaymentCompleted(s Session, d defect.Set) Result {
	return Result{Session: s, Intent: "paid"}
}
