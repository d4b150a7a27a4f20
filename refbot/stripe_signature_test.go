package refbot

import (
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82/webhook"
)

// signStripe builds a Stripe-Signature header with our own MAC.
func signStripe(body []byte, secret string, ts time.Time) string {
	t := fmt.Sprint(ts.Unix())
	return "t=" + t + ",v1=" + hex.EncodeToString(stripeMAC(t, body, secret))
}

func TestStripeSignatureAgreesWithStripeGo(t *testing.T) {
	body := []byte(`{"id":"evt_1","object":"event","type":"checkout.session.completed","data":{"object":{"id":"cs_1","amount_total":2500}}}`)
	const secret = "whsec_4eC39HqLyjWDarjtT1zdp7dc"
	now := time.Now()

	t.Run("what stripe-go signs, we accept", func(t *testing.T) {
		signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: now})
		if err := verifyStripeSignature(body, signed.Header, secret, now, false); err != nil {
			t.Fatalf("verify a stripe-go signature: %v", err)
		}
	})
	t.Run("what we sign, stripe-go accepts", func(t *testing.T) {
		if err := webhook.ValidatePayload(body, signStripe(body, secret, now), secret); err != nil {
			t.Fatalf("stripe-go rejects our signature: %v", err)
		}
	})
	t.Run("what stripe-go signs with another secret, we reject", func(t *testing.T) {
		signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret + "x", Timestamp: now})
		if err := verifyStripeSignature(body, signed.Header, secret, now, false); err == nil {
			t.Fatal("accepted a signature made with another secret")
		}
	})
}

func TestStripeSignatureTolerance(t *testing.T) {
	body := []byte(`{"id":"evt_2"}`)
	const secret = "whsec_test"
	now := time.Unix(1_750_000_000, 0)
	cases := []struct {
		name      string
		age       time.Duration
		replayBug bool
		wantErr   error
	}{
		{"accepts a signature made just now", 0, false, nil},
		{"accepts a signature exactly five minutes old", 5 * time.Minute, false, nil},
		{"rejects a signature five minutes and one second old", 5*time.Minute + time.Second, false, errStripeTooOld},
		{"rejects an hour-old signature", time.Hour, false, errStripeTooOld},
		{"accepts a timestamp from the future, like stripe-go", -time.Hour, false, nil},
		{"with stripe-replay, accepts an hour-old signature", time.Hour, true, nil},
		{"with stripe-replay, accepts a day-old signature", 24 * time.Hour, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := verifyStripeSignature(body, signStripe(body, secret, now.Add(-c.age)), secret, now, c.replayBug)
			if err != c.wantErr {
				t.Errorf("got %v, want %v", err, c.wantErr)
			}
		})
	}
}
