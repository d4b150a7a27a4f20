package l08security_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Whoever captures one signed request can send it again, byte for byte,
// signature and all (Meta and Stripe also retry on their own). A replayed
// WhatsApp delivery must be accepted and ignored: one stored message, one
// set of replies, the session where the first one left it. A replayed
// Stripe event must record one payment and confirm it once.
func TestAReplayedSignedRequestIsHandledOnce(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M

	t.Run("a WhatsApp delivery sent twice", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		text := testutil.Utterance(t, m, tg.HappyPath(t, "")[0].Intent, "")
		env := fixtures.Delivery(fixtures.Text(phone, text))
		body, sig := env.JSON(), tg.SignWhatsApp(env.JSON())
		first := tg.Deliver(t, body)
		first.Sent = text
		assertAnswered(t, first, "the first delivery")
		state := tg.Session(t, phone).State
		var inbound int
		if m.Observe.InboundSQL != "" {
			inbound = len(tg.Inbound(t, phone))
		}

		cursor := tg.Cursor(t, phone)
		resp := tg.PostWhatsApp(t, body, sig)
		assert.Equal(t, 2, resp.Status/100, "the same signed delivery sent again answered %s: acknowledge it (a refusal makes Meta retry for days)", resp)
		// No message id to wait on: a replay must produce nothing, so wait
		// for the settle window in which a reply would show.
		again := tg.WaitTurn(t, phone, cursor)
		again.Sent = first.Sent + " (the same signed request again)"
		assert.Empty(t, again.Replies, "the bot answered a replayed delivery a second time; %s", again.Quote())
		assert.Equal(t, state, tg.Session(t, phone).State, "a replayed delivery moved the session on")
		if m.Observe.InboundSQL != "" {
			assert.Len(t, tg.Inbound(t, phone), inbound, "a replayed delivery was stored again")
		}
	})

	t.Run("a Stripe event sent twice", func(t *testing.T) {
		t.Parallel()
		if m.Endpoints.Stripe == "" || m.Observe.PaymentsSQL == "" {
			t.Skipf("%s takes no Stripe payments it can show: endpoints.stripe or observe.payments_sql is empty in %s", m.Name, m.File())
		}
		waiting, _ := testutil.StateTaking(t, m, "paid")
		phone := tg.Phone(t)
		walk(t, tg, phone, m.ShortestPath(m.Graph.Initial, waiting), nil)

		body := fixtures.CheckoutCompleted(phone, 45000).JSON()
		sig := tg.SignStripe(body, time.Now())
		cursor := tg.Cursor(t, phone)
		first := tg.PostStripe(t, body, sig)
		require.Equal(t, 2, first.Status/100, "a signed checkout.session.completed answered %s", first)
		confirmed := tg.WaitTurn(t, phone, cursor)
		cursor = tg.Cursor(t, phone)
		second := tg.PostStripe(t, body, sig)
		assert.Equal(t, 2, second.Status/100, "the same signed Stripe event sent again answered %s: acknowledge it (a refusal makes Stripe retry)", second)
		again := tg.WaitTurn(t, phone, cursor)
		assert.Len(t, tg.Payments(t, phone), 1, "one Stripe event sent twice must record one payment")
		assert.Empty(t, again.Replies, "the bot confirmed a replayed payment a second time (first confirmation %q); it said %q", confirmed.Text(), again.Text())
	})
}
