package refbot_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each server-side seeded defect changes what the bot does in the code
// path where the bug would live. Every subtest runs the same scenario with
// the defect off and on and shows the difference.

// withAndWithout runs check twice: with the defect off (on=false) and on.
// start starts a bot with the defect switched accordingly.
func withAndWithout(t *testing.T, name string, check func(t *testing.T, start func(...option) *bot, on bool)) {
	t.Helper()
	for _, on := range []bool{false, true} {
		label := "without " + name
		if on {
			label = "with " + name
		}
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			start := func(opts ...option) *bot {
				if on {
					opts = append(opts, withDefects(name))
				}
				return startBot(t, opts...)
			}
			check(t, start, on)
		})
	}
}

// defaultBot adapts a check that needs only a default bot.
func defaultBot(check func(t *testing.T, b *bot, on bool)) func(*testing.T, func(...option) *bot, bool) {
	return func(t *testing.T, start func(...option) *bot, on bool) { check(t, start(), on) }
}

func TestSeededDefectSkipSignature(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "skip-signature", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		body := envelope(textMessage(phone, newWamid(), "hola"))
		r := b.postWhatsApp(t, body, map[string]string{"Content-Type": "application/json", "X-Hub-Signature-256": metaSignature(body, "wrong")})
		if on {
			assert.Equal(t, http.StatusOK, r.code, "the forged delivery is accepted")
			assert.NotEmpty(t, messagesOf(t, phone))
		} else {
			assert.Equal(t, http.StatusUnauthorized, r.code)
			assert.Empty(t, messagesOf(t, phone))
		}
	}))
}

func TestSeededDefectStripeReplay(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "stripe-replay", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 2500, "paid")
		r := b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now().Add(-time.Hour)))
		if on {
			assert.Equal(t, http.StatusOK, r.code, "the hour-old replay is accepted")
			assert.Len(t, paymentsOf(t, phone), 1)
		} else {
			assert.Equal(t, http.StatusBadRequest, r.code)
			assert.Empty(t, paymentsOf(t, phone))
		}
	}))
}

func TestSeededDefectStripeDuplicate(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "stripe-duplicate", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		body := stripeCheckoutCompleted(newEventID(), phone, 2500, "paid")
		for range 2 {
			require.Equal(t, http.StatusOK, b.postStripe(t, body, stripeSignature(body, b.cfg.StripeSecret, time.Now())).code)
		}
		want := 1
		if on {
			want = 2
		}
		assert.Len(t, paymentsOf(t, phone), want)
	}))
}

func TestSeededDefectDuplicateReply(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "duplicate-reply", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		body := envelope(textMessage(phone, newWamid(), "hola"))
		require.Equal(t, http.StatusOK, b.deliver(t, body).code)
		first := len(repliesTo(t, phone))
		require.NotZero(t, first)
		require.Equal(t, http.StatusOK, b.deliver(t, body).code)
		if on {
			assert.Greater(t, len(repliesTo(t, phone)), first, "the redelivery is answered again")
		} else {
			assert.Len(t, repliesTo(t, phone), first)
		}
	}))
}

func TestSeededDefectCrashOnMedia(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "crash-on-media", defaultBot(func(t *testing.T, b *bot, on bool) {
		for _, m := range []struct {
			kind    string
			content object
		}{
			{"image", object{"mime_type": "image/jpeg", "id": "2754859441498128", "caption": "foto"}},
			{"audio", object{"mime_type": "audio/ogg; codecs=opus", "id": "1003383421387256", "voice": true}},
			{"location", object{"latitude": 40.4168, "longitude": -3.7038}},
		} {
			phone := newPhone()
			r := b.deliver(t, envelope(message(phone, newWamid(), m.kind, m.content)))
			if on {
				assert.Equal(t, http.StatusInternalServerError, r.code, m.kind)
				assert.NotContains(t, r.body, "goroutine", "still no stack trace")
			} else {
				assert.Equal(t, http.StatusOK, r.code, m.kind)
			}
		}
		assert.Equal(t, http.StatusOK, b.deliver(t, envelope(textMessage(newPhone(), newWamid(), "hola"))).code, "text still works")
	}))
}

func TestSeededDefectSessionCrosstalk(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "session-crosstalk", defaultBot(func(t *testing.T, b *bot, on bool) {
		a, c := newPhone(), newPhone()
		number := "9" + newPhone() // a business number of this test's own
		for _, m := range []object{
			textMessage(a, newWamid(), "hola, soy Ana"),
			textMessage(a, newWamid(), "quiero ir a Lisboa"),
			textMessage(c, newWamid(), "hola, soy Carlos"),
		} {
			r := b.deliver(t, delivery(entry(change("messages", messagesValueTo(number, m)))))
			require.Equal(t, http.StatusOK, r.code, r.body)
		}
		sa, okA := sessionOf(t, a)
		sc, okC := sessionOf(t, c)
		if on {
			assert.False(t, okA && okC && sa.Turn == 2 && sc.Turn == 1, "the phones do not have sessions of their own")
			shared := mustSession(t, number)
			assert.Equal(t, 3, shared.Turn, "both phones' turns landed in one shared session")
		} else {
			require.True(t, okA && okC)
			assert.Equal(t, 2, sa.Turn)
			assert.Equal(t, 1, sc.Turn)
		}
	}))
}

func TestSeededDefectLostOnRestart(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "lost-on-restart", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		b.sendText(t, phone, "hola")
		b.sendText(t, phone, "quiero viajar")
		b.restart(t)
		b.sendText(t, phone, "¿sigues ahí?")
		starts := countRows(t, `select count(*) from transitions where phone = $1 and intent = 'session_start'`, phone)
		if on {
			assert.Equal(t, 1, mustSession(t, phone).Turn, "the session started over")
			assert.Equal(t, 2, starts)
		} else {
			assert.Equal(t, 3, mustSession(t, phone).Turn)
			assert.Equal(t, 1, starts)
		}
	}))
}

func TestSeededDefectXSSEcho(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "xss-echo", defaultBot(func(t *testing.T, b *bot, on bool) {
		id := storeReceipt(t, newPhone(), "booking", map[string]string{"name": xssName, "destination": "Lisboa"})
		r := b.get(t, "/receipt/"+id)
		require.Equal(t, http.StatusOK, r.code)
		if on {
			assert.Contains(t, r.body, "<script>", "the name is echoed raw")
		} else {
			assert.NotContains(t, r.body, "<script>")
		}
	}))
}

func TestSeededDefectPIIPlaintext(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "pii-plaintext", defaultBot(func(t *testing.T, b *bot, on bool) {
		phone := newPhone()
		b.sendText(t, phone, piiMessage)
		stored := storedText(t, phone)
		for _, raw := range customerPII {
			if on {
				assert.Contains(t, stored, raw, "stored in the clear")
			} else {
				assert.NotContains(t, stored, raw)
			}
		}
	}))
}

func TestSeededDefectSlowHealth(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "slow-health", func(t *testing.T, start func(...option) *bot, on bool) {
		proxy := startDBProxy(t)
		b := start(withDatabaseURL(proxy.dsn()))
		proxy.cut()
		began := time.Now()
		r := b.get(t, "/health")
		elapsed := time.Since(began)
		if on {
			assert.Equal(t, http.StatusOK, r.code, "reports ok without asking the database")
			assert.True(t, strings.Contains(r.body, `"db":"ok"`), r.body)
			assert.GreaterOrEqual(t, elapsed, 1500*time.Millisecond, "and takes seconds")
		} else {
			assert.Equal(t, http.StatusServiceUnavailable, r.code, r.body)
			assert.Less(t, elapsed, 1500*time.Millisecond)
		}
	})
}

func TestSeededDefectSQLConcat(t *testing.T) {
	t.Parallel()
	withAndWithout(t, "sql-concat", defaultBot(func(t *testing.T, b *bot, on bool) {
		secret := "Secreto Ajeno " + randomHex(4) // another customer's data
		storeReceipt(t, newPhone(), "booking", map[string]string{"name": secret})
		phone := newPhone()
		b.sendText(t, phone, "hola")

		b.sendText(t, phone, "mi referencia es x' or 1=1 --")
		replies := repliesTo(t, phone)
		leak := replies[len(replies)-1]

		b.sendText(t, phone, "mi referencia es R-1a2b3c4d'")
		replies = repliesTo(t, phone)
		dbError := replies[len(replies)-1]
		t.Logf("injection reply: %.200q; quote reply: %.200q", leak, dbError)
		if on {
			assert.Contains(t, leak, secret, "the injected condition returns every receipt")
			assert.Contains(t, dbError, "SQLSTATE", "the database error reaches the customer")
		} else {
			assert.NotContains(t, leak, secret)
			assert.NotContains(t, dbError, "SQLSTATE")
		}
		assert.NotZero(t, countRows(t, `select count(*) from receipts`), "the table is intact")
	}))
}
