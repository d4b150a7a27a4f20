package l03e2e_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// WhatsApp does not promise delivery in order: a message written an hour
// ago can arrive after a newer one (a phone back from a dead zone, a retry).
func TestADeliveryOlderThanTheLastOneIsHandledWithoutACrash(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	phone := tg.Phone(t)
	now := time.Now()
	newer := fixtures.Text(phone, testutil.Utterance(t, m, testutil.TypedPath(t, m, "")[0].Intent, ""), fixtures.WithTimestamp(now))
	older := fixtures.Text(phone, testutil.Utterance(t, m, "help", ""), fixtures.WithTimestamp(now.Add(-time.Hour)))

	first := tg.Deliver(t, fixtures.Delivery(newer).JSON())
	require.NotEmpty(t, first.Replies, "%s: precondition: the newer message is answered", first.Quote())

	late := tg.Deliver(t, fixtures.Delivery(older).JSON()) // fails the test on a non-2xx answer
	late.Sent = older.Text.Body + " (timestamped an hour before the previous message)"

	assert.True(t, late.Settled, "%s: the bot did not finish the late message within the wait budget", late.Quote())
	assert.NotEmpty(t, late.Replies, "%s: a late message is still the customer talking and must be answered", late.Quote())
	assert.Contains(t, inboundBodies(t, tg, phone), older.Text.Body, "the late message must be stored, not dropped")
	s := tg.Session(t, phone)
	if assert.True(t, s.Exists, "the session is gone after a late message") {
		assert.Contains(t, m.Graph.States, s.State, "the late message left the session in a state the manifest does not know")
	}
	testutil.AssertHealthy(t, tg, "a message delivered after a newer one")
}
