package l11smoke_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheWebhookVerificationEchoesTheChallengeAndRefusesAWrongToken(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	// Meta's challenges are numbers; a fresh one per run, so an echo of a
	// cached answer cannot pass.
	challenge := fmt.Sprint(1_000_000_000 + rand.IntN(1_000_000_000))

	right := tg.Handshake(t, challenge, true)
	assert.Equal(t, http.StatusOK, right.Status, "GET %s with the verify token and challenge %s answered %s", tg.M.Endpoints.WhatsApp, challenge, right)
	assert.Equal(t, challenge, right.Body, "the challenge must come back verbatim, plain text, no quotes or newline: Meta compares it byte for byte")

	wrong := tg.Handshake(t, challenge, false)
	assert.Equal(t, http.StatusForbidden, wrong.Status, "GET %s with a wrong verify token answered %s, want 403", tg.M.Endpoints.WhatsApp, wrong)
	assert.NotContains(t, wrong.Body, challenge, "a wrong verify token got the challenge back: anyone could subscribe the webhook")

	other := tg.HandshakeMode(t, "unsubscribe", challenge, true)
	assert.NotEqual(t, http.StatusOK, other.Status, "GET %s with hub.mode=unsubscribe answered %s: only a subscribe is verified", tg.M.Endpoints.WhatsApp, other)
	assert.NotContains(t, other.Body, challenge, "a handshake that is not a subscribe got the challenge back")
}
