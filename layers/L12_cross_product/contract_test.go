package l12crossproduct_test

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every CAAS bot is run by the same platform, so each answers the same
// contract: /health is JSON, the WhatsApp webhook completes Meta's
// verification handshake only with the right token, and it accepts only
// what Meta signed.
func TestEveryBotKeepsTheSameHealthAndWebhookContract(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		t.Run("health answers 200 with a JSON object", func(t *testing.T) {
			t.Parallel()
			path := tg.Endpoint(t, "health")
			resp := tg.Get(t, path)
			require.Equal(t, http.StatusOK, resp.Status, "GET %s: %s", path, resp)
			mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
			assert.Equal(t, "application/json", mt, "GET %s: Content-Type %q", path, resp.Header.Get("Content-Type"))
			var body map[string]any
			assert.NoError(t, json.Unmarshal([]byte(resp.Body), &body), "GET %s must answer a JSON object: %s", path, resp)
		})
		t.Run("the handshake echoes the challenge to the right token only", func(t *testing.T) {
			t.Parallel()
			challenge := "cp-" + m.Name + "-1158201444"
			ok := tg.Handshake(t, challenge, true)
			assert.Equal(t, http.StatusOK, ok.Status, "verification GET with the right token: %s", ok)
			assert.Equal(t, challenge, strings.TrimSpace(ok.Body), "verification GET with the right token must echo hub.challenge: %s", ok)
			bad := tg.Handshake(t, challenge, false)
			assert.Equal(t, http.StatusForbidden, bad.Status, "verification GET with a wrong token must be refused with 403: %s", bad)
			assert.NotContains(t, bad.Body, challenge, "a refused handshake must not echo the challenge: %s", bad)
		})
		t.Run("a signed message is accepted and answered", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			tu := tg.Say(t, phone, testutil.Utterance(t, m, "hello", tg.Language("")))
			assert.Equal(t, http.StatusOK, tu.Response.Status, "a signed delivery: %s", tu.Response)
			assert.NotEmpty(t, tu.Replies, "%s: a signed greeting must be answered", tu.Quote())
		})
		for _, c := range []struct{ name, signature string }{
			{"an unsigned message is rejected and not stored", ""},
			{"a message signed with another secret is rejected and not stored", fixtures.SignWhatsApp([]byte("{}"), "not-the-app-secret")},
		} {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				body := fixtures.Delivery(fixtures.Text(phone, testutil.Utterance(t, m, "hello", tg.Language("")))).JSON()
				resp := tg.PostWhatsApp(t, body, c.signature)
				assert.Contains(t, []int{http.StatusUnauthorized, http.StatusForbidden}, resp.Status, "POST %s with signature %q must be refused with 401 or 403 (skip-signature): %s", m.Endpoints.WhatsApp, c.signature, resp)
				// A signed message after it shows whether the forged one got in.
				fence := tg.Say(t, phone, testutil.Utterance(t, m, "help", tg.Language("")))
				for _, in := range tg.Inbound(t, phone) {
					assert.NotEqual(t, testutil.Utterance(t, m, "hello", tg.Language("")), in.Body, "%s: the rejected message was stored as inbound: %q", fence.Quote(), in.Body)
				}
			})
		}
	})
}
