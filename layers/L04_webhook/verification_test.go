package l04webhook_test

import (
	"mime"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// Meta subscribes a webhook once with a GET; the bot must echo hub.challenge
// byte for byte as plain text, or the subscription fails.
func TestVerificationEchoesTheChallengeVerbatimForTheRightToken(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	for _, challenge := range []string{"1158201444", "0042", "challenge-with.dots_and~tilde"} {
		t.Run("challenge "+challenge, func(t *testing.T) {
			t.Parallel()
			resp := tg.Handshake(t, challenge, true)
			assert.Equal(t, 200, resp.Status, "GET with the right verify token and hub.challenge=%s answered %s", challenge, resp)
			assert.Equal(t, challenge, resp.Body, "the challenge must come back verbatim: no JSON, no quotes, no newline")
			mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			assert.NoError(t, err, "Content-Type %q does not parse", resp.Header.Get("Content-Type"))
			assert.Equal(t, "text/plain", mt, "the challenge must be sent as text/plain, got Content-Type %q", resp.Header.Get("Content-Type"))
		})
	}
}

// Anyone can GET the webhook URL; only Meta, holding the verify token and
// asking to subscribe, may get the challenge back.
func TestVerificationRefusesAWrongTokenOrMode(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	cases := []struct {
		name       string
		mode       string
		rightToken bool
	}{
		{"a wrong verify token is refused", "subscribe", false},
		{"hub.mode unsubscribe with the right token is refused", "unsubscribe", true},
		{"an empty hub.mode with the right token is refused", "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			const challenge = "8675309"
			resp := tg.HandshakeMode(t, c.mode, challenge, c.rightToken)
			assert.Equal(t, 403, resp.Status, "GET with hub.mode=%q and the %s token answered %s; want 403", c.mode, tokenKind(c.rightToken), resp)
			assert.NotContains(t, resp.Body, challenge, "a refused handshake must not echo the challenge")
		})
	}
}

func tokenKind(right bool) string {
	if right {
		return "right"
	}
	return "wrong"
}
