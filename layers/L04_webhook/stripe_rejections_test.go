package l04webhook_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Anyone can POST "the customer paid" to the Stripe webhook; only Stripe,
// holding the endpoint's signing secret, can sign it. A forged or altered
// event must be refused with 400 and change nothing.
func TestStripeRejectsABadSignatureWith400AndRecordsNothing(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	needStripe(t, tg)
	cases := []struct {
		name string
		// forge returns what is posted: the body and its Stripe-Signature.
		forge func(t *testing.T, body []byte) ([]byte, string)
	}{
		{"an event signed with another endpoint's secret", func(t *testing.T, b []byte) ([]byte, string) {
			return b, fixtures.SignStripe(b, "whsec_of_another_endpoint", time.Now())
		}},
		{"an event whose amount was changed after signing", func(t *testing.T, b []byte) ([]byte, string) {
			sig := tg.SignStripe(b, time.Now())
			return bytes.Replace(b, []byte(strconv.Itoa(tripPrice)), []byte("100"), 1), sig
		}},
		{"an event without a Stripe-Signature header", func(t *testing.T, b []byte) ([]byte, string) { return b, "" }},
		{"an event whose header has a timestamp and no v1", func(t *testing.T, b []byte) ([]byte, string) {
			ts, _ := splitStripeHeader(t, tg.SignStripe(b, time.Now()))
			return b, "t=" + ts
		}},
		{"an event signed only with the legacy v0 scheme", func(t *testing.T, b []byte) ([]byte, string) {
			ts, v1 := splitStripeHeader(t, tg.SignStripe(b, time.Now()))
			return b, "t=" + ts + ",v0=" + v1
		}},
	}
	for _, k := range cases {
		t.Run(k.name+" is refused", func(t *testing.T) {
			t.Parallel()
			c := customerAwaitingPayment(t, tg)
			ev := fixtures.CheckoutCompleted(c.phone, tripPrice)
			body, sig := k.forge(t, ev.JSON())
			require.Contains(t, string(body), c.phone, "the forged body must still name the customer")
			resp := tg.PostStripe(t, body, sig)
			assert.Equal(t, 400, resp.Status, "%s (Stripe-Signature %q) answered %s; want 400", k.name, sig, resp)
			c.assertNotPaid(t, tg, k.name)
		})
	}
}

// A signature proves who sent an event, not when: an attacker who captured
// one valid delivery could replay it for ever. Stripe's tolerance is 5
// minutes; an event signed long before must be refused.
func TestStripeRejectsAnEventSignedLongAgo(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	needStripe(t, tg)
	for _, age := range []struct {
		name string
		d    time.Duration
	}{{"an hour", time.Hour}, {"ten minutes", 10 * time.Minute}} {
		t.Run("an event signed "+age.name+" ago is refused", func(t *testing.T) {
			t.Parallel()
			c := customerAwaitingPayment(t, tg)
			body := fixtures.CheckoutCompleted(c.phone, tripPrice).JSON()
			resp := tg.PostStripe(t, body, tg.SignStripe(body, time.Now().Add(-age.d)))
			assert.Equal(t, 4, resp.Status/100, "a correctly signed checkout whose signature is %s old answered %s; Stripe's tolerance is 5 minutes, want a 4xx", age.name, resp)
			c.assertNotPaid(t, tg, "an event signed "+age.name+" ago")
		})
	}
}
