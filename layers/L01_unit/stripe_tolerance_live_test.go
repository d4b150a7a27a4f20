package l01unit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheBotAcceptsAStripeEventSignedFiveMinutesAgoButNotOlder(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	tg.Endpoint(t, "stripe") // skips a bot that takes no Stripe webhooks
	// 290 s and 310 s, not 299 and 301: the bot's clock reads the request a
	// little after it was signed, and that must not move a case across the edge.
	for _, c := range []struct {
		name   string
		age    time.Duration
		accept bool
	}{
		{"accepts an event signed 290 s ago", 290 * time.Second, true},
		{"refuses an event signed 310 s ago", 310 * time.Second, false},
		{"refuses an event signed an hour ago (a replay)", time.Hour, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			ev := fixtures.CheckoutCompleted(phone, 12900)
			body := ev.JSON()
			header := tg.SignStripe(body, time.Now().Add(-c.age))
			resp := tg.PostStripe(t, body, header)
			var payments []testutil.Payment
			if tg.M.Observe.PaymentsSQL != "" {
				payments = tg.Payments(t, phone)
			}
			if c.accept {
				assert.Equal(t, 2, resp.Status/100, "posted %s (%s) signed %s ago with the bot's secret; the bot answered %s, but Stripe's tolerance is five minutes", ev.Type, ev.ID, c.age, resp)
				if tg.M.Observe.PaymentsSQL != "" {
					assert.Len(t, payments, 1, "a paid checkout signed %s ago was accepted (%s) but %d payments are recorded for %s", c.age, resp, len(payments), phone)
				}
				return
			}
			assert.Equal(t, 4, resp.Status/100, "posted %s (%s) signed %s ago with the bot's secret; the bot answered %s, but a signature older than five minutes must be refused (a replayed event)", ev.Type, ev.ID, c.age, resp)
			assert.Empty(t, payments, "a checkout signed %s ago was recorded as paid for %s: %+v", c.age, phone, payments)
		})
	}
}
