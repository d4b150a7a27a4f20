package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Stripe delivers at least once and retries whatever it did not see
// acknowledged: the same event id can arrive twice, and two events can
// name one Checkout Session. Either way the customer paid once.
func TestStripeRecordsTheSameEventIDOnlyOnce(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	needStripe(t, tg)

	t.Run("the same event delivered twice records one payment", func(t *testing.T) {
		t.Parallel()
		c := customerAwaitingPayment(t, tg)
		ev := fixtures.CheckoutCompleted(c.phone, tripPrice)
		first := tg.SendStripe(t, ev.JSON())
		require.Equal(t, 200, first.Status, "the first delivery of %s answered %s", ev.ID, first)
		tg.WaitTurn(t, c.phone, c.cursor)
		afterFirst := tg.Cursor(t, c.phone)

		again := tg.SendStripe(t, ev.JSON()) // Stripe's retry: same bytes, signed anew
		assert.Equal(t, 2, again.Status/100, "a redelivered event %s must be acknowledged 2xx, or Stripe keeps retrying; it got %s", ev.ID, again)
		tu := tg.WaitTurn(t, c.phone, afterFirst)
		tu.Sent = "[Stripe " + ev.Type + " again]"
		assert.Len(t, tg.Payments(t, c.phone), 1, "event %s was delivered twice and recorded %d times", ev.ID, len(tg.Payments(t, c.phone)))
		assert.Empty(t, tu.Replies, "the redelivered payment event was announced to the customer again; %s", tu.Quote())
	})

	t.Run("a second event for the same checkout session records no second payment", func(t *testing.T) {
		t.Parallel()
		c := customerAwaitingPayment(t, tg)
		completed := fixtures.CheckoutCompleted(c.phone, tripPrice)
		resp := tg.SendStripe(t, completed.JSON())
		require.Equal(t, 200, resp.Status, "checkout.session.completed %s answered %s", completed.ID, resp)
		tg.WaitTurn(t, c.phone, c.cursor)

		// Same Checkout Session, another event id (an async success after
		// the completion, as Stripe sends for delayed payment methods).
		succeeded := fixtures.StripeEventOf("checkout.session.async_payment_succeeded", completed.Object)
		resp = tg.SendStripe(t, succeeded.JSON())
		assert.Equal(t, 2, resp.Status/100, "checkout.session.async_payment_succeeded %s answered %s", succeeded.ID, resp)
		tg.WaitTurn(t, c.phone, tg.Cursor(t, c.phone))
		assert.Len(t, tg.Payments(t, c.phone), 1, "two events for checkout %v recorded %d payments; the session was paid once", completed.Object["id"], len(tg.Payments(t, c.phone)))
	})
}

// Stripe sends every event type the endpoint subscribes to, and new types
// appear. An unknown one must be acknowledged (else Stripe retries it and
// finally disables the endpoint) and must do nothing, even when it names the
// customer.
func TestStripeAcknowledgesAndIgnoresUnknownEventTypes(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	needStripe(t, tg)
	cases := []struct {
		what  string
		event func(phone string) *fixtures.StripeEvent
	}{
		{"customer.subscription.trial_will_end naming the customer", func(p string) *fixtures.StripeEvent {
			return fixtures.StripeEventOf("customer.subscription.trial_will_end", map[string]any{
				"id": "sub_1QxTrialWillEnd0000000", "object": "subscription", "status": "trialing",
				"client_reference_id": "wa:" + p, "metadata": map[string]any{"wa_id": p},
			})
		}},
		{"customer.created", func(p string) *fixtures.StripeEvent {
			person := fixtures.PersonForPhone(p)
			return fixtures.CustomerCreated(person.FullName(), person.Email)
		}},
	}
	for _, k := range cases {
		t.Run("an event of type "+k.what+" is acknowledged and ignored", func(t *testing.T) {
			t.Parallel()
			c := customerAwaitingPayment(t, tg)
			ev := k.event(c.phone)
			resp := tg.SendStripe(t, ev.JSON())
			assert.Equal(t, 200, resp.Status, "a signed %s event %s answered %s; want 200", ev.Type, ev.ID, resp)
			tg.WaitTurn(t, c.phone, c.cursor)
			c.assertNotPaid(t, tg, "a "+ev.Type+" event")
		})
	}
}
