package refbot_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v82/webhook"
)

type storedPayment struct {
	EventID, Currency, Status, CheckoutID string
	Amount                                int64
}

func paymentsOf(t testing.TB, phone string) []storedPayment {
	t.Helper()
	rows, err := testDB.pool.Query(ctxFor(t), `select event_id, currency, status, checkout_id, amount from payments where phone = $1 order by id`, phone)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storedPayment, error) {
		var p storedPayment
		err := r.Scan(&p.EventID, &p.Currency, &p.Status, &p.CheckoutID, &p.Amount)
		return p, err
	})
	require.NoError(t, err)
	return out
}

func eventRecorded(t testing.TB, id string) bool {
	return countRows(t, `select count(*) from stripe_events where event_id = $1`, id) == 1
}

func TestStripeWebhook(t *testing.T) {
	t.Parallel()
	b := startBot(t)

	t.Run("a paid checkout records the payment and runs the customer's payment turn", func(t *testing.T) {
		phone := newPhone()
		b.sendText(t, phone, "hola")
		listener := listenOutbound(t)
		id := newEventID()
		body := stripeCheckoutCompleted(id, phone, 2500, "paid")
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
		require.Equal(t, http.StatusOK, r.code, r.body)
		pays := paymentsOf(t, phone)
		require.Len(t, pays, 1)
		assert.Equal(t, storedPayment{EventID: id, Currency: "eur", Status: "paid", CheckoutID: pays[0].CheckoutID, Amount: 2500}, pays[0])
		assert.True(t, strings.HasPrefix(pays[0].CheckoutID, "cs_test_"))
		listener.waitFor(t, phone) // the turn committed and told observers
	})

	t.Run("the phone may come from metadata.wa_id alone", func(t *testing.T) {
		phone := newPhone()
		var ev map[string]any
		require.NoError(t, json.Unmarshal(stripeCheckoutCompleted(newEventID(), phone, 990, "paid"), &ev))
		delete(ev["data"].(map[string]any)["object"].(map[string]any), "client_reference_id")
		body, _ := json.Marshal(ev)
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Len(t, paymentsOf(t, phone), 1)
	})

	t.Run("an unpaid checkout records no payment", func(t *testing.T) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 2500, "unpaid")
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Empty(t, paymentsOf(t, phone))
	})

	rejected := []struct {
		name      string
		signature func(body []byte) string
	}{
		{"no signature", func([]byte) string { return "" }},
		{"a signature made with another secret", func(body []byte) string { return stripeSignature(body, "whsec_other", time.Now()) }},
		{"a signature older than five minutes", func(body []byte) string {
			return stripeSignature(body, b.cfg.StripeSecret, time.Now().Add(-6*time.Minute))
		}},
		{"an hour-old replay", func(body []byte) string { return stripeSignature(body, b.cfg.StripeSecret, time.Now().Add(-time.Hour)) }},
		{"only a v0 signature", func(body []byte) string {
			return strings.Replace(stripeSignature(body, b.cfg.StripeSecret, time.Now()), "v1=", "v0=", 1)
		}},
		{"no timestamp", func(body []byte) string {
			h := stripeSignature(body, b.cfg.StripeSecret, time.Now())
			return h[strings.Index(h, ",")+1:]
		}},
		{"a body changed after signing", func(body []byte) string {
			return stripeSignature(append([]byte{' '}, body...), b.cfg.StripeSecret, time.Now())
		}},
	}
	for _, c := range rejected {
		t.Run("rejects with 400 and records nothing: "+c.name, func(t *testing.T) {
			phone := newPhone()
			id := newEventID()
			body := stripeCheckoutCompleted(id, phone, 2500, "paid")
			r := b.postStripe(t, body, c.signature(body))
			assert.Equal(t, http.StatusBadRequest, r.code, r.body)
			assert.Empty(t, paymentsOf(t, phone))
			assert.False(t, eventRecorded(t, id))
		})
	}

	t.Run("accepts when any of several v1 signatures matches, ignoring v0 and unknown keys", func(t *testing.T) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 2500, "paid")
		good := stripeSignature(body, b.cfg.StripeSecret, time.Now())
		old := stripeSignature(body, "whsec_rolled_away", time.Now())
		header := old + "," + good[strings.Index(good, ",")+1:] + ",v0=deadbeef,x9=whatever"
		r := b.postStripe(t, body, header)
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Len(t, paymentsOf(t, phone), 1)
	})

	t.Run("the same event id twice is recorded once", func(t *testing.T) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 2500, "paid")
		for range 2 {
			r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
			require.Equal(t, http.StatusOK, r.code, r.body)
		}
		assert.Len(t, paymentsOf(t, phone), 1)
	})

	t.Run("an unknown event type is acknowledged and ignored", func(t *testing.T) {
		id := newEventID()
		body := []byte(`{"id":"` + id + `","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}`)
		before := countRows(t, `select count(*) from payments`)
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
		assert.Equal(t, http.StatusOK, r.code, r.body)
		assert.Equal(t, before, countRows(t, `select count(*) from payments`))
	})

	t.Run("a signed body that is not an event is refused with 400", func(t *testing.T) {
		body := []byte(`{"hello":"world"}`)
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
		assert.Equal(t, http.StatusBadRequest, r.code, r.body)
	})

	t.Run("accepts an event signed by stripe-go", func(t *testing.T) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 4200, "paid")
		signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: b.cfg.StripeSecret})
		r := b.postStripe(t, signed.Payload, signed.Header)
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Len(t, paymentsOf(t, phone), 1)
	})

	t.Run("rejects a stale event signed by stripe-go", func(t *testing.T) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 4200, "paid")
		signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: b.cfg.StripeSecret, Timestamp: time.Now().Add(-10 * time.Minute)})
		r := b.postStripe(t, signed.Payload, signed.Header)
		assert.Equal(t, http.StatusBadRequest, r.code, r.body)
		assert.Empty(t, paymentsOf(t, phone))
	})
}
