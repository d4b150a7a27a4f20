package refbot_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWhatsAppSignature(t *testing.T) {
	t.Parallel()
	b := startBot(t)

	t.Run("a correctly signed message is answered 200 with a committed reply", func(t *testing.T) {
		phone := newPhone()
		b.sendText(t, phone, "hola")
		in := inboundOf(t, phone)
		require.Len(t, in, 1)
		assert.True(t, in[0].Processed, "the inbound row is marked processed")
		assert.NotEmpty(t, repliesTo(t, phone), "a reply is committed when the webhook answers")
	})

	unsigned := []struct {
		name    string
		headers func(body []byte) map[string]string
		tamper  bool
	}{
		{"no signature header", func([]byte) map[string]string { return map[string]string{} }, false},
		{"a signature made with another secret", func(body []byte) map[string]string {
			return map[string]string{"X-Hub-Signature-256": metaSignature(body, "not-the-app-secret")}
		}, false},
		{"a valid signature over a body changed afterwards", func(body []byte) map[string]string {
			return map[string]string{"X-Hub-Signature-256": metaSignature(body, b.cfg.AppSecret)}
		}, true},
		{"a signature without the sha256= prefix", func(body []byte) map[string]string {
			return map[string]string{"X-Hub-Signature-256": metaSignature(body, b.cfg.AppSecret)[len("sha256="):]}
		}, false},
		{"a signature that is not hex", func([]byte) map[string]string {
			return map[string]string{"X-Hub-Signature-256": "sha256=zz"}
		}, false},
		{"the verify token instead of a signature", func([]byte) map[string]string {
			return map[string]string{"X-Hub-Signature-256": "sha256=" + b.cfg.VerifyToken}
		}, false},
	}
	for _, c := range unsigned {
		t.Run("rejects with 401 and stores nothing: "+c.name, func(t *testing.T) {
			phone := newPhone()
			body := envelope(textMessage(phone, newWamid(), "hola"))
			headers := c.headers(body)
			headers["Content-Type"] = "application/json"
			if c.tamper {
				body = envelope(textMessage(phone, newWamid(), "hola!"))
			}
			r := b.postWhatsApp(t, body, headers)
			assert.Equal(t, http.StatusUnauthorized, r.code, r.body)
			assert.Empty(t, messagesOf(t, phone), "nothing stored for an unauthenticated delivery")
			_, hasSession := sessionOf(t, phone)
			assert.False(t, hasSession, "no session for an unauthenticated delivery")
		})
	}
}
