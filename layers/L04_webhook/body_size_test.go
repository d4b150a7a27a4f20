package l04webhook_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// overLimit is past the 4 MiB a webhook should read at most (Meta's
// deliveries stay under 3 MB); metaMaximum is what Meta may really send.
const (
	overLimit   = 4<<20 + 64<<10
	metaMaximum = 3 << 20
)

// A body limit keeps one request from eating the bot's memory; past it the
// bot must say 413 (or refuse the request outright) and keep serving.
func TestABodyOverFourMiBIsRefusedAndTheBotStaysHealthy(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	env := fixtures.DeliveryOfSize(phone, overLimit)
	body := env.JSON()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Through the context API: a bot may close the connection on a body
	// this large instead of answering, which is a clear refusal too.
	resp, err := tg.Target.PostWhatsApp(ctx, body, tg.SignWhatsApp(body), nil)
	var outOfRange *testutil.OutOfRangeError
	require.False(t, errors.As(err, &outOfRange), "%v", err)
	if err != nil {
		t.Logf("a signed %d-byte delivery: the bot closed the connection (%v), a refusal", len(body), err)
	} else {
		assert.Equal(t, 413, resp.Status, "a signed %d-byte delivery (%d messages) answered %s; want 413 Payload Too Large", len(body), len(env.MessageIDs()), resp)
	}
	testutil.AssertNothingStored(t, tg, phone, "a delivery over 4 MiB")
	testutil.AssertHealthy(t, tg, "a delivery over 4 MiB")
}

// Meta states its webhook payloads can reach 3 MB: a limit set below that
// drops real customers' messages (and buys days of retries). The delivery
// is a long burst of receipts with one customer message at the very end, so
// the message is only seen by a bot that reads and walks the whole body.
func TestAThreeMegabyteDeliveryIsAcceptedAndItsLastMessageAnswered(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	text := tg.M.Opening()
	msg := fixtures.Text(phone, text)
	env := fixtures.Merge(fixtures.Statuses(receiptsOfSize(phone, metaMaximum)...), fixtures.Delivery(msg))
	body := env.JSON()
	require.GreaterOrEqual(t, len(body), metaMaximum, "the fixture is smaller than it should be")
	resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
	require.Equal(t, 200, resp.Status, "a signed %d-byte delivery from %s answered %s; Meta sends up to 3 MB and wants 200", len(body), phone, resp)
	tu := tg.WaitTurn(t, phone, 0, msg.ID)
	tu.Sent = text
	assert.True(t, tu.Settled, "the bot did not finish the message at the end of a 3 MB delivery within %v", tg.WaitBudget())
	assert.NotEmpty(t, tu.Replies, "the bot accepted a 3 MB delivery but did not answer the message at its end; %s", tu.Quote())
}

// receiptsOfSize is enough delivered/read receipt pairs for phone's
// (invented) messages to fill minBytes.
func receiptsOfSize(phone string, minBytes int) []fixtures.Status {
	pair := func() []fixtures.Status {
		d := fixtures.StatusDelivered(phone, "")
		return []fixtures.Status{d, fixtures.StatusRead(phone, d.ID)}
	}
	perPair := len(fixtures.Statuses(pair()...).JSON()) - len(fixtures.Statuses().JSON())
	var out []fixtures.Status
	// A little over: ids vary in length, the estimate is not exact.
	for size := 0; size < minBytes+minBytes/16; size += perPair {
		out = append(out, pair()...)
	}
	return out
}
