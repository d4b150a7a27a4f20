package l04webhook_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// The money path: Stripe says the customer paid, the bot records the
// payment against that customer's session (client_reference_id
// wa:<phone>), moves the session on as the manifest says, and tells them.
func TestStripeCheckoutCompletedRecordsThePaymentAndMovesTheSessionOn(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	c := customerAwaitingPayment(t, tg)
	ev := fixtures.CheckoutCompleted(c.phone, tripPrice)

	resp := tg.SendStripe(t, ev.JSON())
	require.Equal(t, 200, resp.Status, "a signed checkout.session.completed %s for wa:%s answered %s", ev.ID, c.phone, resp)
	tu := tg.WaitTurn(t, c.phone, c.cursor)
	tu.Sent = "[Stripe " + ev.Type + "]"

	payments := tg.Payments(t, c.phone)
	if assert.Len(t, payments, 1, "one paid checkout must record one payment for %s", c.phone) {
		p := payments[0]
		assert.Equal(t, ev.ID, p.EventID, "the payment must name the Stripe event that recorded it")
		assert.Equal(t, int64(tripPrice), p.Amount, "the payment must record amount_total in cents")
		assert.Equal(t, "eur", p.Currency, "the payment must record the checkout's currency")
		assert.NotEmpty(t, p.Status, "the payment must record its status")
	}
	s := tg.Session(t, c.phone)
	assert.Equal(t, c.paid, s.State, "a payment in %s should lead to %s (graph.states.%s.on.paid); the session is in %s", c.waiting, c.paid, c.waiting, s.State)
	assert.Equal(t, tg.M.Graph.States[c.paid].Phase, s.Phase, "after the payment the session's phase must be %s's", c.paid)
	assert.NotEmpty(t, tu.Replies, "the customer paid and the bot did not tell them; %s", tu.Quote())
}

// While a secret is being rolled Stripe signs with both: one v1 per secret.
// Accepting only the first v1 rejects real payments for the whole roll.
func TestStripeAcceptsASignatureHeaderWhereOneOfSeveralV1Matches(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	c := customerAwaitingPayment(t, tg)
	ev := fixtures.CheckoutCompleted(c.phone, tripPrice)
	body := ev.JSON()
	at := time.Now()
	ts, good := splitStripeHeader(t, tg.SignStripe(body, at))
	old := fixtures.StripeV1(body, "whsec_the_secret_being_rolled_out", at)
	header := "t=" + ts + ",v1=" + old + ",v1=" + good + ",v0=" + old

	resp := tg.PostStripe(t, body, header)
	assert.Equal(t, 200, resp.Status, "a checkout signed with the old and the current secret (the current one second) answered %s", resp)
	tg.WaitTurn(t, c.phone, c.cursor)
	assert.Len(t, tg.Payments(t, c.phone), 1, "the payment of a checkout signed during a secret roll must be recorded")
}
