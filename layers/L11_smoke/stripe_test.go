package l11smoke_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheStripeEndpointIsUpAndRejectsAnUnsignedEvent(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	path := tg.Endpoint(t, "stripe") // skips a bot that takes no Stripe webhooks
	refused := []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden}

	unsigned := fixtures.CustomerCreated("Lucía Peña", "lucia.pena@example.com").JSON()
	resp := tg.PostStripe(t, unsigned, "")
	assert.Contains(t, refused, resp.Status, "POST %s with no Stripe-Signature answered %s: an unsigned event must be refused (400), and a 404/405/5xx means the endpoint is not there", path, resp)

	forged := fixtures.CustomerCreated("Lucía Peña", "lucia.pena@example.com").JSON()
	resp = tg.PostStripe(t, forged, fixtures.SignStripe(forged, "whsec_not_the_bots_secret", time.Now()))
	assert.Contains(t, refused, resp.Status, "POST %s signed with another secret answered %s", path, resp)

	// The control: a signed event of a type the bot does not handle is
	// acknowledged, so the refusals above are the guard, not a broken endpoint.
	signed := fixtures.CustomerCreated("Lucía Peña", "lucia.pena@example.com").JSON()
	resp = tg.SendStripe(t, signed)
	assert.Equal(t, 2, resp.Status/100, "POST %s with a correctly signed customer.created answered %s: Stripe retries anything but 2xx", path, resp)
}
