package refbot_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/refbot"
)

// These tests drive the real engine through the voyachat graph
// (refbot/products/GRAPHS.md) to reach the server's engine-driven paths:
// receipts and their links, reference lookups, erasure, payment. They look
// at states, rows and links, not at reply wording.

const travellerName = "Carmen García López"

// walkToOffer takes phone from a new session to offer_shown, which creates
// the booking receipt, checking each step's state on the way.
func walkToOffer(t testing.TB, b *bot, phone string) {
	t.Helper()
	for _, step := range []struct{ say, wantState string }{
		{"hola", "consent_ask"},
		{"sí, acepto", "trip_destination"},
		{"quiero ir a Lisboa", "trip_dates"},
		{"del 10 al 17 de agosto", "trip_name"},
		{travellerName, "offer_shown"},
	} {
		b.sendText(t, phone, step.say)
		require.Equal(t, step.wantState, mustSession(t, phone).State, "after %q", step.say)
	}
}

func newestReceipt(t testing.TB, phone string) string {
	t.Helper()
	var id string
	require.NoError(t, testDB.pool.QueryRow(ctxFor(t), `select id from receipts where phone = $1 order by created_at desc limit 1`, phone).Scan(&id))
	return id
}

var receiptLink = regexp.MustCompile(`https?://\S+/receipt/R-[0-9a-f]{8}`)

func withPublicURL(u string) option { return func(c *refbot.Config) { c.PublicURL = u } }

func TestConversationReceipts(t *testing.T) {
	t.Parallel()

	t.Run("the offer links to the booking receipt, which shows the traveller", func(t *testing.T) {
		t.Parallel()
		b := startBot(t)
		phone := newPhone()
		walkToOffer(t, b, phone)
		id := newestReceipt(t, phone)
		replies := repliesTo(t, phone)
		link := receiptLink.FindString(replies[len(replies)-1])
		require.NotEmpty(t, link, "the offer carries a receipt link: %q", replies[len(replies)-1])
		assert.Equal(t, b.srv.URL()+"/receipt/"+id, link)
		r := b.get(t, strings.TrimPrefix(link, b.srv.URL()))
		require.Equal(t, http.StatusOK, r.code)
		assert.Contains(t, r.body, travellerName)
		assert.Contains(t, r.body, "Lisboa")
	})

	t.Run("links use the public URL when one is configured", func(t *testing.T) {
		t.Parallel()
		b := startBot(t, withPublicURL("https://bots.example.com/voyachat/"))
		phone := newPhone()
		walkToOffer(t, b, phone)
		replies := repliesTo(t, phone)
		assert.Contains(t, replies[len(replies)-1], "https://bots.example.com/voyachat/receipt/"+newestReceipt(t, phone))
	})

	t.Run("a reference lookup finds the customer's own receipt and nobody else's", func(t *testing.T) {
		t.Parallel()
		b := startBot(t)
		owner, stranger := newPhone(), newPhone()
		walkToOffer(t, b, owner)
		id := newestReceipt(t, owner)

		b.sendText(t, owner, "mi referencia es "+id)
		replies := repliesTo(t, owner)
		assert.Contains(t, replies[len(replies)-1], travellerName, "the owner gets the summary")

		b.sendText(t, stranger, "hola")
		b.sendText(t, stranger, "mi referencia es "+id)
		replies = repliesTo(t, stranger)
		assert.NotContains(t, replies[len(replies)-1], travellerName, "a stranger quoting the reference learns nothing")
	})
}

func TestConversationErasure(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	phone := newPhone()
	walkToOffer(t, b, phone)
	b.sendText(t, phone, "borra mis datos")

	assert.Equal(t, 1, countRows(t, `select count(*) from gdpr_requests where phone = $1 and kind = 'erasure'`, phone))
	assert.Zero(t, countRows(t, `select count(*) from receipts where phone = $1`, phone), "receipts erased")
	stored := storedText(t, phone)
	for _, personal := range []string{travellerName, "Lisboa", "agosto"} {
		assert.NotContains(t, stored, personal, "still stored after erasure")
	}
	assert.Equal(t, "greeting", mustSession(t, phone).State)
	replies := repliesTo(t, phone)
	assert.NotEmpty(t, replies[len(replies)-1], "the erasure is confirmed")
}

func TestConversationPaymentConfirmsTheBooking(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	phone := newPhone()
	walkToOffer(t, b, phone)
	b.sendText(t, phone, "sí, resérvalo")
	require.Equal(t, "payment_pending", mustSession(t, phone).State)
	before := len(repliesTo(t, phone))

	body := stripeCheckoutCompleted(newEventID(), phone, 89900, "paid")
	r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now()))
	require.Equal(t, http.StatusOK, r.code, r.body)

	s := mustSession(t, phone)
	assert.Equal(t, "confirmed", s.State)
	assert.Equal(t, "confirmed", s.Phase)
	assert.Greater(t, len(repliesTo(t, phone)), before, "the customer is told")
	assert.Equal(t, 1, countRows(t, `select count(*) from transitions where phone = $1 and to_state = 'confirmed' and intent = 'paid'`, phone))
	assert.Len(t, paymentsOf(t, phone), 1)
}

func TestConversationOptOut(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	phone := newPhone()
	b.sendText(t, phone, "hola")
	b.sendText(t, phone, "BAJA")
	s := mustSession(t, phone)
	require.True(t, s.OptedOut)
	confirmed := len(repliesTo(t, phone))
	b.sendText(t, phone, "hola?")
	b.sendText(t, phone, "quiero viajar a Roma")
	assert.Len(t, repliesTo(t, phone), confirmed, "nothing more is sent after the opt-out confirmation")
}
