package engine_test

import (
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// globalEffects is what each global intent does, by GRAPHS.md: the state it
// leads to ("" = stays) and the event it must produce (if any).
var globalEffects = map[string]struct {
	to    string
	event engine.EventKind
}{
	"stop":          {"opted_out", engine.EventOptOut},
	"gdpr_erasure":  {"greeting", engine.EventGDPRErasure},
	"gdpr_access":   {"", engine.EventGDPRAccess},
	"privacy":       {"", ""},
	"human":         {"", engine.EventHandoff},
	"are_you_bot":   {"", ""},
	"injection":     {"", ""},
	"probe":         {"", ""},
	"lookup":        {"", engine.EventLookup},
	"wrong_product": {"", ""},
	"hostile":       {"", ""},
	"help":          {"", ""},
	"restart":       {"greeting", ""},
	"language":      {"", ""},
}

func TestGlobalIntentsWorkInEveryState(t *testing.T) {
	for _, product := range []string{"voyachat", "cambialeon"} {
		p := load(t, product)
		for _, lang := range []string{"es", "en"} {
			for _, state := range customerStates(p) {
				for _, intent := range engine.GlobalIntents() {
					if intent == "start" {
						continue // only wakes opted-out sessions: TestOptedOutCustomersHearNothingButStart
					}
					t.Run(product+"/"+lang+"/"+state+"/"+intent, func(t *testing.T) {
						c := reach(t, product, lang, state)
						before := c.s
						msg := firstExample(t, p, intent, lang)
						r := c.say(msg)
						if r.Intent != intent {
							t.Fatalf("%q read as %q, want %q", msg, r.Intent, intent)
						}
						eff := globalEffects[intent]
						want := eff.to
						if want == "" {
							want = before.State
						}
						c.wantState(want)
						if len(r.Replies) != 1 || strings.TrimSpace(r.Replies[0]) == "" {
							t.Errorf("%q: replies %q, want one", msg, r.Replies)
						}
						if eff.event != "" {
							if _, ok := hasEvent(r, eff.event); !ok {
								t.Errorf("%q: no %s event in %+v", msg, eff.event, r.Events)
							}
						}
						switch intent {
						case "gdpr_erasure", "restart":
							if len(c.s.Data) != 0 || c.s.Consented {
								t.Errorf("%s kept data %v / consent %v", intent, c.s.Data, c.s.Consented)
							}
						case "human":
							if !c.s.Handoff {
								t.Error("handoff not set on the session")
							}
						case "stop":
							if !c.s.OptedOut || c.s.Phase != "closed" {
								t.Errorf("opted out %v, phase %q", c.s.OptedOut, c.s.Phase)
							}
						case "lookup":
							if ev, _ := hasEvent(r, engine.EventLookup); ev.Reference != "R-1a2b3c4d" {
								t.Errorf("lookup reference %q, want R-1a2b3c4d", ev.Reference)
							}
						}
						if eff.to == "" && !strings.Contains(strings.Join(r.Replies, ""), strings.TrimSpace(strings.Split(helpLine(t, p, lang, state), "\n")[0])) && intent != "help" {
							// stay-in-state replies end by repeating what the state needs
							t.Errorf("%q: reply does not repeat what %s needs: %q", msg, state, r.Replies)
						}
					})
				}
			}
		}
	}
}

// helpLine is what a state asks for, as its nonsense re-prompt says it
// (the last sentence of the re-prompt).
func helpLine(t *testing.T, p *engine.Product, lang, state string) string {
	t.Helper()
	c := reach(t, p.Name, lang, state)
	c.s.Language = lang // a fresh greeting session has not shown its language yet
	r := c.say("asdfghjkl")
	if r.Intent != "nonsense" || len(r.Replies) != 1 {
		t.Fatalf("%s: nonsense read as %q with %q", state, r.Intent, r.Replies)
	}
	reply := r.Replies[0]
	if i := strings.LastIndex(strings.TrimRight(reply, ".?)»”"), ". "); i >= 0 {
		return reply[i+2:]
	}
	return reply
}

func TestOptedOutCustomersHearNothingButStart(t *testing.T) {
	for _, product := range []string{"voyachat", "cambialeon"} {
		for lang, back := range map[string]string{"es": "ALTA", "en": "START"} {
			t.Run(product+"_"+lang, func(t *testing.T) {
				c := reach(t, product, lang, map[string]string{"voyachat": "trip_destination", "cambialeon": "bill_consumption"}[product])
				r := c.say("BAJA")
				if r.Intent != "stop" || len(r.Replies) != 1 || !c.s.OptedOut {
					t.Fatalf("BAJA: intent %q, replies %q, opted out %v", r.Intent, r.Replies, c.s.OptedOut)
				}
				for _, msg := range []string{"hola", "ayuda", "quiero hablar con una persona", "borra mis datos", "STOP", "empezar de nuevo", "asdfgh"} {
					if r := c.say(msg); len(r.Replies) != 0 || len(r.Events) != 0 {
						t.Errorf("opted out, %q got %q / %+v", msg, r.Replies, r.Events)
					}
				}
				if r := c.send(engine.Inbound{Type: "image"}); len(r.Replies) != 0 {
					t.Errorf("opted out, an image got %q", r.Replies)
				}
				r = c.say(back)
				c.wantState("greeting")
				if r.Intent != "start" || len(r.Replies) != 1 || c.s.OptedOut {
					t.Errorf("%s: intent %q, replies %q, opted out %v", back, r.Intent, r.Replies, c.s.OptedOut)
				}
				if _, ok := hasEvent(r, engine.EventOptIn); !ok {
					t.Errorf("%s: no opt-in event: %+v", back, r.Events)
				}
				if c.s.Consented {
					t.Error("coming back kept the old consent; it must be asked again")
				}
			})
		}
	}
}

func TestStartOnlyMattersToOptedOutCustomers(t *testing.T) {
	c := reach(t, "voyachat", "en", "trip_dates")
	if r := c.say("start again"); r.Intent != "restart" {
		t.Errorf("\"start again\" while subscribed read as %q, want restart", r.Intent)
	}
	c.wantState("greeting")
}
