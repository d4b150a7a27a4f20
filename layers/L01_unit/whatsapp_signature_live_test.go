package l01unit_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheBotRefusesAWhatsAppBodyWhoseSignatureDoesNotMatch(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	text := tg.M.Opening()
	forgeries := []struct {
		name string
		sign func(body []byte) (posted []byte, header string)
	}{
		{"a body signed with a wrong secret", func(body []byte) ([]byte, string) {
			return body, fixtures.SignWhatsApp(body, "l01-not-the-app-secret")
		}},
		{"a body modified after signing", func(body []byte) ([]byte, string) {
			header := tg.SignWhatsApp(body)
			return bytes.Replace(body, []byte(`"body":"`), []byte(`"body":"PS: `), 1), header
		}},
		{"a body with no signature", func(body []byte) ([]byte, string) {
			return body, ""
		}},
		{"a body carrying the signature of an empty body", func(body []byte) ([]byte, string) {
			return body, tg.SignWhatsApp(nil)
		}},
		{"a signature that is not hex", func(body []byte) ([]byte, string) {
			return body, "sha256=" + strings.Repeat("z", 64)
		}},
	}
	for _, f := range forgeries {
		t.Run("refuses "+f.name, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
			posted, header := f.sign(body)
			require.False(t, bytes.Equal(posted, body) && header == tg.SignWhatsApp(body), "the forgery is the genuine article")
			resp := tg.PostWhatsApp(t, posted, header)
			assert.Contains(t, []int{http.StatusUnauthorized, http.StatusForbidden}, resp.Status,
				"sent %s (X-Hub-Signature-256: %q) from %s, the bot answered %s; a body whose signature does not match the app secret must be refused with 401/403 before it is read", f.name, header, phone, resp)
			testutil.AssertNothingStored(t, tg, phone, "the bot was sent "+f.name)
		})
	}
	// The control: the same kind of body, signed right, gets in; so the
	// refusals above are about the signature and nothing else.
	t.Run("accepts the same body signed with the app secret", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		turn := tg.Say(t, phone, text)
		assert.Equal(t, 2, turn.Response.Status/100, "a correctly signed message was refused: %s", turn.Quote())
		assert.True(t, tg.Session(t, phone).Exists, "a correctly signed message left no session: %s", turn.Quote())
	})
}
