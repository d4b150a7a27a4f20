package l04webhook_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Garbage with a valid signature is still garbage: a body that is not JSON
// must be refused with a 4xx, one that is JSON of the wrong shape refused or
// shrugged off, and never with a 5xx (a crash, and days of Meta retries).
func TestMalformedBodiesAreRefusedWithoutA5xxAndTheBotStaysHealthy(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	// The fixtures name the range's first phone; point each body at the
	// row's own phone (same length) so nothing lands on another test's.
	first, err := tg.M.TestPhones.Phone(0)
	if err != nil {
		t.Fatalf("%s: test_phones: %v", tg.M.File(), err)
	}
	t.Run("each body", func(t *testing.T) {
		for _, b := range fixtures.MalformedWhatsAppBodies() {
			t.Run("a body that is "+b.Name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				body := bytes.ReplaceAll(b.Data, []byte(first), []byte(phone))
				resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
				assert.Less(t, resp.Status, 500, "a signed body that is %s answered %s: a bad payload is the sender's fault, never a 5xx", b.Name, resp)
				if json.Valid(body) {
					assert.True(t, resp.Status/100 == 2 || resp.Status/100 == 4,
						"a signed JSON body that is %s answered %s: want 2xx (ignored) or 4xx (refused)", b.Name, resp)
					return
				}
				assert.Equal(t, 4, resp.Status/100, "a signed body that is %s (not JSON) answered %s: want a 4xx", b.Name, resp)
				testutil.AssertNothingStored(t, tg, phone, "a signed body that is "+b.Name)
			})
		}
	})
	testutil.AssertHealthy(t, tg, "a series of malformed bodies")
}

// A delivery is JSON; one announced as a form, plain text or multipart is
// not what Meta sends and must not be read as if it were.
func TestAWrongContentTypeIsRefusedAndTheBotStaysHealthy(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"} {
		t.Run("Content-Type "+ct+" is refused", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			text := tg.M.Opening()
			body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
			resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body), http.Header{"Content-Type": {ct}})
			assert.Equal(t, 4, resp.Status/100, "a signed delivery of %q sent as %s answered %s: want a 4xx (415)", text, ct, resp)
			testutil.AssertNothingStored(t, tg, phone, "a delivery sent as "+ct)
			testutil.AssertHealthy(t, tg, "a delivery sent as "+ct)
		})
	}
}
