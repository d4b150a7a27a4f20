package l04webhook_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// tripPrice is what the test customers pay, in cents: the bots under test
// record what Stripe says was paid.
const tripPrice = 89000

// awaitingPayment is a customer whose session waits for a Stripe payment,
// reached with the manifest's utterances, and what a payment should do.
type awaitingPayment struct {
	phone   string
	waiting string // the state that waits for the paid event
	paid    string // the state a payment leads to
	cursor  int64  // the phone's newest reply before the payment
}

// customerAwaitingPayment drives a fresh phone to the state that waits for
// the paid event. It skips for bots without a Stripe webhook or payments.
func customerAwaitingPayment(t *testing.T, tg *testutil.Target) awaitingPayment {
	t.Helper()
	needStripe(t, tg)
	waiting, paid := testutil.StateTaking(t, tg.M, "paid")
	phone := tg.Phone(t)
	tg.DriveTo(t, phone, waiting, "")
	return awaitingPayment{phone: phone, waiting: waiting, paid: paid, cursor: tg.Cursor(t, phone)}
}

// assertNotPaid checks a refused or ignored Stripe event left the customer
// as it found them: no payment, still waiting, not told anything.
func (c awaitingPayment) assertNotPaid(t *testing.T, tg *testutil.Target, what string) {
	t.Helper()
	assert.Empty(t, tg.Payments(t, c.phone), "after %s, a payment was recorded for %s", what, c.phone)
	s := tg.Session(t, c.phone)
	assert.Equal(t, c.waiting, s.State, "after %s, the session of %s left %s for %s", what, c.phone, c.waiting, s.State)
	replies := tg.Replies(t, c.phone)
	var since []string
	for _, r := range replies {
		if r.ID > c.cursor {
			since = append(since, r.Body)
		}
	}
	assert.Empty(t, since, "after %s, the bot told %s: %q", what, c.phone, strings.Join(since, "\n"))
}

// splitStripeHeader returns the t and v1 values of a Stripe-Signature.
func splitStripeHeader(t *testing.T, header string) (ts, v1 string) {
	t.Helper()
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			v1 = v
		}
	}
	require.NotEmpty(t, ts, "Stripe-Signature %q has no t", header)
	require.NotEmpty(t, v1, "Stripe-Signature %q has no v1", header)
	return ts, v1
}
