package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// textKeys are the product texts the engine says; each needs every language.
var textKeys = []string{
	"opted_out", "welcome_back", "erased", "access", "access_empty",
	"privacy_intro", "handoff", "ai_disclosure", "human_claim",
	"injection_refusal", "prompt_dump", "probe", "providers_line",
	"commission_line", "probe_later", "wrong_product", "hostile",
	"help_footer", "restart_done", "lookup", "lookup_missing",
	"language_switched", "media_visual", "media_audio", "media_document",
	"media_location", "media_contacts", "unsupported", "and", "on_file",
}

var validators = []string{"any", "place", "dates", "name", "number", "power", "dni", "iban", "address", "offer"}

// check validates a loaded product file: every reference resolves, every
// text exists in every language. Errors name the field and the fix.
func (p *Product) check() error {
	f := &p.f
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }

	if f.Name != p.Name {
		bad("name: %q, want %q (the file name)", f.Name, p.Name)
	}
	if f.BotName == "" || f.DisplayName == "" {
		bad("bot_name, display_name: both required")
	}
	if len(f.Languages) == 0 || !slices.Contains(f.Languages, f.DefaultLanguage) {
		bad("default_language: %q must be one of languages %v", f.DefaultLanguage, f.Languages)
	}
	if _, ok := p.phaseAt[f.DiscloseFrom]; !ok {
		bad("disclose_from: %q is not a phase", f.DiscloseFrom)
	}
	if f.Canary == "" || !strings.Contains(f.SystemPrompt, f.Canary) {
		bad("canary: must be set and appear in system_prompt")
	}
	if _, ok := f.States[f.Initial]; !ok {
		bad("initial: %q is not a state", f.Initial)
	}
	for _, t := range f.Terminal {
		if _, ok := f.States[t]; !ok {
			bad("terminal: %q is not a state", t)
		}
	}
	if _, ok := f.States[stateOptedOut]; !ok {
		bad("states: no %q state; STOP needs one (phase closed)", stateOptedOut)
	}
	if p.consentAt == "" {
		bad("states: no state has consent: true; the consent question must be a state")
	}
	lack := func(where string, t Text) {
		for _, l := range f.Languages {
			if strings.TrimSpace(t[l]) == "" {
				bad("%s: no %q text; add one", where, l)
			}
		}
	}
	for _, k := range textKeys {
		lack("texts."+k, f.Texts[k])
	}
	for _, k := range []string{"reprompt_leads", "repeat_leads"} {
		for _, l := range f.Languages {
			if len(f.Lists[k][l]) < 3 {
				bad("lists.%s.%s: needs at least 3 variants (loop avoidance)", k, l)
			}
		}
	}
	c := f.Consent
	for k, t := range map[string]Text{"purpose": c.Purpose, "retention": c.Retention, "transfers": c.Transfers, "rights": c.Rights, "withdraw": c.Withdraw} {
		lack("consent."+k, t)
	}
	for _, fs := range f.Fields {
		lack("fields."+fs.Name+".label", fs.Label)
	}

	names := make([]string, 0, len(f.States))
	for n := range f.States {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		st := f.States[n]
		if _, ok := p.phaseAt[st.Phase]; !ok {
			bad("states.%s.phase: %q is not in phases", n, st.Phase)
		}
		lack("states."+n+".prompt", st.Prompt)
		lack("states."+n+".ask", st.Ask)
		lack("states."+n+".help", st.Help)
		for in, next := range st.On {
			if _, ok := f.States[next]; !ok {
				bad("states.%s.on.%s: target %q is not a state", n, in, next)
			}
			if st.Slot != nil && in == st.Slot.Intent {
				continue
			}
			if _, ok := p.intents[in]; !ok && in != "paid" {
				bad("states.%s.on.%s: intent has no keywords under intents", n, in)
			}
		}
		if st.Slot != nil {
			if _, ok := st.On[st.Slot.Intent]; !ok {
				bad("states.%s.slot.intent: %q has no transition in on", n, st.Slot.Intent)
			}
			if !slices.Contains(validators, st.Slot.Validator) {
				bad("states.%s.slot.validator: %q unknown; valid: %s", n, st.Slot.Validator, strings.Join(validators, ", "))
			}
		}
		if st.Checkout != "" {
			if _, ok := st.On[st.Checkout]; !ok {
				bad("states.%s.checkout: %q has no transition in on", n, st.Checkout)
			}
		}
	}
	switch f.Pricing.Model {
	case "trip":
		if f.Pricing.Year == 0 || f.Pricing.Default.Steps == 0 || f.Pricing.CheckoutURL == "" {
			bad("pricing: the trip model needs year, default.steps and checkout_url")
		}
	case "tariff":
		if len(f.Pricing.Offers) < 3 {
			bad("pricing.offers: the tariff model needs at least 3 offers")
		}
		lack("texts.offer_line", f.Texts["offer_line"])
	default:
		bad("pricing.model: %q unknown; valid: trip, tariff", f.Pricing.Model)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}
