package engine_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

var providerNames = []string{"Iberdrola", "Endesa", "Naturgy", "Repsol", "TotalEnergies", "Holaluz"}

func containsAny(s string, subs []string) (string, bool) {
	low := strings.ToLower(s)
	for _, x := range subs {
		if strings.Contains(low, strings.ToLower(x)) {
			return x, true
		}
	}
	return "", false
}

// phaseOrderHolds checks the session never goes back to an earlier phase.
func phaseOrderHolds(t *testing.T, p *engine.Product, phases []string) {
	t.Helper()
	order := p.Graph().Phases
	for i := 1; i < len(phases); i++ {
		if slices.Index(order, phases[i]) < slices.Index(order, phases[i-1]) {
			t.Errorf("phase went back from %q to %q (path %v)", phases[i-1], phases[i], phases)
		}
	}
}

func TestVoyachatHappyPath(t *testing.T) {
	checkout := regexp.MustCompile(`https://checkout\.stripe\.com/c/pay/cs_test_[0-9a-f]{24}`)
	for _, lang := range []string{"es", "en"} {
		t.Run("books_and_pays_a_trip_in_"+lang, func(t *testing.T) {
			c := newChat(t, "voyachat")
			want := []string{"consent_ask", "trip_destination", "trip_dates", "trip_name", "offer_shown", "payment_pending"}
			var phases []string
			for i, msg := range happyPaths["voyachat"][lang] {
				r := c.say(msg)
				c.wantState(want[i])
				phases = append(phases, c.s.Phase)
				if len(r.Replies) != 1 {
					t.Fatalf("%q: %d replies, want 1", msg, len(r.Replies))
				}
				if got := languageOf(c.reply()); got != lang {
					t.Errorf("%q: reply in %q, want %q: %q", msg, got, lang, c.reply())
				}
			}
			phaseOrderHolds(t, c.p, phases)

			// The receipt was created on leaving trip_name, with raw fields.
			c2 := reach(t, "voyachat", lang, "trip_name")
			r := c2.say(happyPaths["voyachat"][lang][4])
			rec, ok := hasEvent(r, engine.EventReceipt)
			if !ok || rec.ReceiptKind != "booking" {
				t.Fatalf("no booking receipt on giving the name: %+v", r.Events)
			}
			for _, f := range []string{"name", "destination", "dates"} {
				if rec.Fields[f] == "" {
					t.Errorf("receipt field %q empty: %v", f, rec.Fields)
				}
			}
			if !strings.Contains(c2.reply(), "{receipt_url}") {
				t.Errorf("offer reply has no {receipt_url} for the server to fill: %q", c2.reply())
			}

			// Accepting the offer sent a checkout link with the amount.
			ev, ok := hasEvent(c.last, engine.EventCheckoutStart)
			if !ok {
				t.Fatalf("no checkout event on accepting the offer: %+v", c.last.Events)
			}
			if !checkout.MatchString(c.reply()) || !strings.Contains(c.reply(), ev.Fields["url"]) {
				t.Errorf("checkout reply %q lacks the link %q", c.reply(), ev.Fields["url"])
			}
			if ev.Fields["amount_cents"] != "84500" || !strings.Contains(c.reply(), "845") {
				t.Errorf("amount %q / reply %q, want 84500 cents shown as 845", ev.Fields["amount_cents"], c.reply())
			}

			r = c.paid()
			c.wantState("confirmed")
			if r.Intent != "paid" || len(r.Replies) != 1 || c.s.Phase != "confirmed" {
				t.Errorf("payment: intent %q phase %q replies %q", r.Intent, c.s.Phase, r.Replies)
			}
			if r := c.paid(); len(r.Replies) != 0 || c.s.State != "confirmed" {
				t.Errorf("a repeated payment event said %q and moved to %q", r.Replies, c.s.State)
			}
		})
	}
}

func TestCambialeonHappyPath(t *testing.T) {
	for _, lang := range []string{"es", "en"} {
		t.Run("compares_and_switches_in_"+lang, func(t *testing.T) {
			c := newChat(t, "cambialeon")
			want := []string{"consent_ask", "bill_consumption", "bill_power", "bill_provider", "comparison_shown", "switch_name", "switch_id", "switch_iban", "switch_address", "done"}
			var phases []string
			for i, msg := range happyPaths["cambialeon"][lang] {
				r := c.say(msg)
				c.wantState(want[i])
				phases = append(phases, c.s.Phase)
				if got := languageOf(c.reply()); got != lang {
					t.Errorf("%q: reply in %q, want %q: %q", msg, got, lang, c.reply())
				}
				if c.s.State == "comparison_shown" {
					comparison := c.reply()
					named := 0
					for _, pn := range providerNames {
						if strings.Contains(comparison, pn) {
							named++
						}
					}
					if named != 3 || strings.Contains(comparison, "Iberdrola") {
						t.Errorf("comparison names %d providers (want 3, not the current Iberdrola): %q", named, comparison)
					}
					if _, ok := containsAny(comparison, []string{"comisión", "commission"}); !ok {
						t.Errorf("comparison does not say how Cambialeon is paid: %q", comparison)
					}
					if !strings.Contains(comparison, "€") {
						t.Errorf("comparison shows no savings in euros: %q", comparison)
					}
				} else if slices.Index(c.p.Graph().Phases, c.s.Phase) < slices.Index(c.p.Graph().Phases, "comparison") {
					if pn, leak := containsAny(c.reply(), append(providerNames, "comisi", "commission")); leak {
						t.Errorf("%q named %q before the comparison: %q", msg, pn, c.reply())
					}
				}
				if r.Intent == "give_address" {
					rec, ok := hasEvent(r, engine.EventReceipt)
					if !ok || rec.ReceiptKind != "quote" || rec.Fields["name"] == "" || rec.Fields["address"] != happyPaths["cambialeon"][lang][9] || !strings.Contains(rec.Fields["offer"], "Holaluz") {
						t.Errorf("quote receipt: %+v", r.Events)
					}
				}
			}
			phaseOrderHolds(t, c.p, phases)
			for _, secret := range []string{"12345678Z", "ES9121000418450200051332", "ES91 2100", "Iberdrola"} {
				for _, said := range c.said {
					if strings.Contains(said, secret) && secret != "Iberdrola" {
						t.Errorf("a reply echoed %q: %q", secret, said)
					}
				}
			}
			if c.s.Data["dni"] != "12345678Z" || c.s.Data["iban"] != "ES9121000418450200051332" {
				t.Errorf("session data lost the DNI/IBAN: %v", c.s.Data)
			}
		})
	}
}

func TestConsentIsRecordedWithTheTextShown(t *testing.T) {
	for _, product := range []string{"voyachat", "cambialeon"} {
		for lang, retention := range map[string]string{"es": "12 meses", "en": "12 months"} {
			t.Run(product+"_"+lang, func(t *testing.T) {
				c := reach(t, product, lang, "consent_ask")
				if c.s.Consented {
					t.Fatal("consented before answering")
				}
				r := c.say(happyPaths[product][lang][1])
				ev, ok := hasEvent(r, engine.EventConsent)
				if !ok || !ev.Granted || !c.s.Consented {
					t.Fatalf("accepting: event %+v, consented %v", r.Events, c.s.Consented)
				}
				for _, must := range []string{retention, map[string]string{"es": "Espacio Económico Europeo", "en": "European Economic Area"}[lang], "15–22"} {
					if !strings.Contains(ev.Text, must) {
						t.Errorf("consent text lacks %q: %q", must, ev.Text)
					}
				}

				d := reach(t, product, lang, "consent_ask")
				r = d.say("no")
				d.wantState("declined")
				if ev, ok := hasEvent(r, engine.EventConsent); !ok || ev.Granted || d.s.Consented {
					t.Errorf("declining: event %+v, consented %v", r.Events, d.s.Consented)
				}
				if d.s.Phase != "closed" {
					t.Errorf("declined phase %q, want closed", d.s.Phase)
				}
			})
		}
	}
}
