package engine_test

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

func TestStepIsDeterministic(t *testing.T) {
	for _, product := range []string{"voyachat", "cambialeon"} {
		for _, lang := range []string{"es", "en"} {
			t.Run(product+"_"+lang, func(t *testing.T) {
				c := newChat(t, product)
				msgs := append(slices.Clone(happyPaths[product][lang]), "asdf", "ayuda", "asdf", "¿qué datos tenéis de mí?", "empezar de nuevo")
				for _, msg := range msgs {
					in := engine.Inbound{Type: "text", Text: msg}
					first := c.p.Step(c.s, in, c.d)
					second := c.p.Step(c.s, in, c.d)
					if !reflect.DeepEqual(first, second) {
						t.Fatalf("%q: two Steps from the same session differ:\n%+v\n%+v", msg, first, second)
					}
					c.send(in)
				}
			})
		}
	}
}

func TestStepLeavesTheCallersSessionAlone(t *testing.T) {
	c := reach(t, "cambialeon", "es", "switch_id")
	before := c.s
	data := maps.Clone(before.Data)
	recent := slices.Clone(before.Recent)
	c.p.Step(before, engine.Inbound{Type: "text", Text: "12345678Z"}, nil)
	c.p.Step(before, engine.Inbound{Type: "text", Text: "borra mis datos"}, nil)
	if !maps.Equal(before.Data, data) || !slices.Equal(before.Recent, recent) {
		t.Errorf("Step changed the session it was given: data %v → %v", data, before.Data)
	}
}

func TestAnUnknownStateStartsOver(t *testing.T) {
	p := load(t, "voyachat")
	r := p.Step(engine.Session{Phone: testPhone, State: "no_such_state"}, engine.Inbound{Type: "text", Text: "hola"}, nil)
	if r.Session.State != "consent_ask" || r.Session.Turn != 1 {
		t.Errorf("from an unknown state: %q turn %d, want consent_ask turn 1", r.Session.State, r.Session.Turn)
	}
}

func TestLoadRejectsUnknownProducts(t *testing.T) {
	if _, err := engine.Load("restaurantbot"); err == nil {
		t.Error("Load of an unknown product succeeded")
	}
	if got := engine.Products(); !slices.Equal(got, []string{"cambialeon", "voyachat"}) {
		t.Errorf("Products() = %v", got)
	}
	for _, name := range engine.Products() {
		p := load(t, name)
		if p.Canary() == "" || !strings.Contains(p.SystemPrompt(), p.Canary()) {
			t.Errorf("%s: canary %q not in the system prompt", name, p.Canary())
		}
	}
}
