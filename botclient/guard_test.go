package botclient

import (
	"errors"
	"os"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
)

func guardTarget(t *testing.T) *Target {
	t.Helper()
	m, err := bots.FromEnv(os.Getenv).Load("voyachat")
	if err != nil {
		t.Fatalf("loading voyachat: %v", err)
	}
	return &Target{M: m}
}

func TestGuardRefusesEveryPhoneOutsideTheTestRange(t *testing.T) {
	tg := guardTarget(t)
	inside, err := fixtures.PhoneInRange(tg.M.TestPhones.Range, 7)
	if err != nil {
		t.Fatal(err)
	}
	const outside = "34611223344"
	cases := []struct {
		name   string
		body   []byte
		refuse bool
	}{
		{"a text from a test phone", fixtures.Delivery(fixtures.Text(inside, "hola")).JSON(), false},
		{"a tapped button (context.from is the business number)", fixtures.Delivery(fixtures.ButtonReply(inside, "accept", "Sí")).JSON(), false},
		{"a text from a real customer", fixtures.Delivery(fixtures.Text(outside, "hola")).JSON(), true},
		{"a delivery mixing a test phone and a real one", fixtures.Delivery(fixtures.Text(inside, "a"), fixtures.Text(outside, "b")).JSON(), true},
		{"a status for a real customer", fixtures.Statuses(fixtures.StatusRead(outside, "wamid.x")).JSON(), true},
		{"a truncated body naming a real customer", []byte(`{"entry":[{"changes":[{"value":{"messages":[{"from":"` + outside + `","id":"x"`), true},
		{"a truncated body naming a test phone", []byte(`{"entry":[{"changes":[{"value":{"messages":[{"from":"` + inside + `"`), false},
		{"not JSON at all", []byte("hello"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := tg.guardBody(c.body)
			var oor *OutOfRangeError
			if c.refuse && !errors.As(err, &oor) {
				t.Fatalf("guardBody = %v, want an OutOfRangeError", err)
			}
			if !c.refuse && err != nil {
				t.Fatalf("guardBody = %v, want nil", err)
			}
		})
	}
}
