package refbot_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWhatsAppBadInput(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	signed := func(body []byte, contentType string) response {
		h := map[string]string{"X-Hub-Signature-256": metaSignature(body, b.cfg.AppSecret)}
		if contentType != "" {
			h["Content-Type"] = contentType
		}
		return b.postWhatsApp(t, body, h)
	}

	cases := []struct {
		name        string
		body        func(phone string) []byte
		contentType string
		want        int
	}{
		{"a form content type is refused with 415", func(p string) []byte { return envelope(textMessage(p, newWamid(), "hola")) }, "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"a missing content type is refused with 415", func(p string) []byte { return envelope(textMessage(p, newWamid(), "hola")) }, "", http.StatusUnsupportedMediaType},
		{"malformed JSON is refused with 400", func(p string) []byte { return []byte(`{"object":"whatsapp_business_account","entry":[{"changes":[`) }, "application/json", http.StatusBadRequest},
		{"an empty body is refused with 400", func(string) []byte { return nil }, "application/json", http.StatusBadRequest},
		{"a JSON array is refused with 400", func(string) []byte { return []byte(`[1,2,3]`) }, "application/json", http.StatusBadRequest},
		{"another object kind is refused with 400", func(p string) []byte {
			return []byte(strings.Replace(string(envelope(textMessage(p, newWamid(), "hola"))), "whatsapp_business_account", "page", 1))
		}, "application/json", http.StatusBadRequest},
		{"messages of the wrong JSON type are refused with 400", func(string) []byte {
			return []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":"all of them"}}]}]}`)
		}, "application/json", http.StatusBadRequest},
		{"invalid UTF-8 is refused with 400", func(p string) []byte {
			return []byte(strings.Replace(string(envelope(textMessage(p, newWamid(), "hola XX"))), "XX", "\xff\xfe", 1))
		}, "application/json", http.StatusBadRequest},
		{"a body over 4 MiB is refused with 413", func(p string) []byte {
			m := textMessage(p, newWamid(), "hola")
			m["padding"] = strings.Repeat("x", 4<<20)
			return envelope(m)
		}, "application/json", http.StatusRequestEntityTooLarge},
		{"JSON with a charset parameter is accepted", func(p string) []byte { return envelope(textMessage(p, newWamid(), "hola")) }, "application/json; charset=utf-8", http.StatusOK},
		{"a 3 MB delivery is accepted", func(p string) []byte {
			m := textMessage(p, newWamid(), "hola")
			m["padding"] = strings.Repeat("x", 3_000_000) // Meta adds fields; unknown keys are ignored
			return envelope(m)
		}, "application/json", http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			phone := newPhone()
			r := signed(c.body(phone), c.contentType)
			assert.Equal(t, c.want, r.code, "body: %.200s", r.body)
			if c.want != http.StatusOK {
				assert.Empty(t, messagesOf(t, phone), "nothing stored for a refused delivery")
			} else {
				assert.Len(t, inboundOf(t, phone), 1)
			}
			assert.NotContains(t, r.body, ".go:", "no source paths in error bodies")
			assert.NotContains(t, r.body, "goroutine", "no stack traces in error bodies")
			assert.Equal(t, http.StatusOK, b.get(t, "/health").code, "the bot stays healthy")
		})
	}
}

func TestWhatsAppNonMessageDeliveries(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	t.Run("statuses are acknowledged with 200 and get no reply", func(t *testing.T) {
		before := countRows(t, `select count(*) from messages where direction = 'out' and phone = '34600099999'`)
		r := b.deliver(t, delivery(entry(change("messages", statusValue("sent", "delivered", "read", "failed")))))
		assert.Equal(t, http.StatusOK, r.code, r.body)
		assert.Equal(t, before, countRows(t, `select count(*) from messages where phone = '34600099999'`))
	})
	t.Run("unknown fields and out-of-band errors are acknowledged with 200", func(t *testing.T) {
		body := delivery(entry(
			change("account_update", object{"phone_number": "15550783881", "event": "VERIFIED_ACCOUNT"}),
			change("message_template_status_update", object{"event": "APPROVED", "message_template_id": 123}),
			change("messages", object{"messaging_product": "whatsapp", "errors": []object{{"code": 130429, "title": "Rate limit hit"}}}),
		))
		r := b.deliver(t, body)
		assert.Equal(t, http.StatusOK, r.code, r.body)
	})
	t.Run("a message without a sender is skipped, the rest of the delivery handled", func(t *testing.T) {
		phone := newPhone()
		orphan := textMessage("", newWamid(), "who am I")
		r := b.deliver(t, envelope(orphan, textMessage(phone, newWamid(), "hola")))
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Len(t, inboundOf(t, phone), 1)
	})
}
