package l01unit_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
)

// metaSignatureValid is the receiving side of X-Hub-Signature-256 as
// docs/webhooks.md §2 writes it: "sha256=" + hex HMAC-SHA256 of the raw body,
// keyed with the app secret, compared in constant time. It is the oracle
// the fixtures' signer is held to, written here so a bug in either shows.
func metaSignatureValid(body []byte, header, appSecret string) bool {
	const prefix = "sha256="
	if !strings.HasPrefix(header, prefix) {
		return false
	}
	got, err := hex.DecodeString(header[len(prefix):])
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

var metaHeaderShape = regexp.MustCompile(`^sha256=[0-9a-f]{64}$`)

func TestWhatsAppSignatureReproducesEveryKnownVector(t *testing.T) {
	t.Parallel()
	for _, v := range knownVectors(t).WhatsApp {
		t.Run(v.Name, func(t *testing.T) {
			got := fixtures.SignWhatsApp([]byte(v.Body), v.Secret)
			assert.Equal(t, v.Header, got, "fixtures.SignWhatsApp over the %d-byte body with secret %q disagrees with openssl", len(v.Body), v.Secret)
			assert.Regexp(t, metaHeaderShape, got, "Meta sends sha256= and 64 lowercase hex digits")
			assert.True(t, metaSignatureValid([]byte(v.Body), v.Header, v.Secret), "the docs/webhooks.md §2 verifier rejects openssl's own signature")
		})
	}
}

func TestWhatsAppSignatureRejectsAWrongSecretAndAModifiedBody(t *testing.T) {
	t.Parallel()
	for _, v := range knownVectors(t).WhatsApp {
		t.Run(v.Name, func(t *testing.T) {
			body := []byte(v.Body)
			header := fixtures.SignWhatsApp(body, v.Secret)
			forgeries := map[string]struct {
				body   []byte
				header string
			}{
				"signed with a wrong secret":           {body, fixtures.SignWhatsApp(body, v.Secret+"x")},
				"signed with the secret's first bytes": {body, fixtures.SignWhatsApp(body, v.Secret[:len(v.Secret)/2])},
				"body with one more byte":              {append(append([]byte{}, body...), ' '), header},
				"body with its last byte cut":          {cut(body), header},
				"body with one bit flipped":            {flipBit(body), header},
				"sha1= prefix instead of sha256=":      {body, "sha1=" + strings.TrimPrefix(header, "sha256=")},
				"no signature":                         {body, ""},
			}
			for name, f := range forgeries {
				if string(f.body) == v.Body && f.header == header {
					continue // e.g. an empty body cannot lose a byte
				}
				assert.False(t, metaSignatureValid(f.body, f.header, v.Secret), "%s: %q over the %d-byte body passes as the app secret's signature", name, f.header, len(f.body))
				if string(f.body) != v.Body {
					assert.NotEqual(t, header, fixtures.SignWhatsApp(f.body, v.Secret), "%s: a modified body signs the same as the original", name)
				}
			}
		})
	}
}

// cut drops the body's last byte (an empty body stays empty).
func cut(b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	return append([]byte{}, b[:len(b)-1]...)
}

// flipBit flips the lowest bit of the body's middle byte, the smallest
// change a proxy could make (an empty body becomes one zero byte).
func flipBit(b []byte) []byte {
	if len(b) == 0 {
		return []byte{0}
	}
	out := append([]byte{}, b...)
	out[len(out)/2] ^= 1
	return out
}
