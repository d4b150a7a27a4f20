package refbot_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWhatsAppVerificationHandshake(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	challenge := "1158201444<script>"
	cases := []struct {
		name     string
		mode     string
		token    string
		wantCode int
		wantEcho bool
	}{
		{"echoes the challenge verbatim for the right token", "subscribe", b.cfg.VerifyToken, http.StatusOK, true},
		{"refuses a wrong token with 403", "subscribe", b.cfg.VerifyToken + "x", http.StatusForbidden, false},
		{"refuses an empty token with 403", "subscribe", "", http.StatusForbidden, false},
		{"refuses a mode other than subscribe with 403", "unsubscribe", b.cfg.VerifyToken, http.StatusForbidden, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := url.Values{"hub.mode": {c.mode}, "hub.verify_token": {c.token}, "hub.challenge": {challenge}}
			r := b.get(t, "/webhook/whatsapp?"+q.Encode())
			assert.Equal(t, c.wantCode, r.code)
			if c.wantEcho {
				assert.Equal(t, challenge, r.body, "the challenge, verbatim: no JSON, no newline")
				assert.Equal(t, "text/plain; charset=utf-8", r.header.Get("Content-Type"))
				assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
			} else {
				assert.NotContains(t, r.body, challenge)
			}
		})
	}
}
