package l08security_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// floodSize is how many messages one phone fires at once: a customer
// pasting, a stuck client retrying, a script.
const floodSize = 50

// One phone fires 50 signed messages at the same moment. Every one is
// accepted with a 2xx, stored once and answered, no reply shows an error,
// the bot stays healthy, and the phone can carry on talking afterwards.
func TestAMessageFloodFromOnePhoneIsAnsweredInFullAndTheBotStaysHealthy(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	phone := tg.Phone(t)
	text := testutil.Utterance(t, m, "help", "")
	cursor := tg.Cursor(t, phone)

	var wamids []string
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	for i := 0; i < floodSize; i++ {
		env := fixtures.Delivery(fixtures.Text(phone, text))
		body := env.JSON()
		wamids = append(wamids, env.MessageIDs()...)
		g.Go(func() error {
			resp, err := tg.Target.PostWhatsApp(gctx, body, tg.SignWhatsApp(body), nil)
			if err != nil {
				return err
			}
			assert.Equal(t, 2, resp.Status/100, "message %d of a flood of %d from %s answered %s: every signed message must be accepted", i+1, floodSize, phone, resp)
			return nil
		})
	}
	require.NoError(t, g.Wait(), "posting a flood of %d messages from %s", floodSize, phone)

	tu := tg.WaitTurn(t, phone, cursor, wamids...)
	tu.Sent = fmt.Sprintf("%s ×%d", text, floodSize)
	assert.True(t, tu.Settled, "the bot did not finish the %d messages of the flood within %s", floodSize, tg.WaitBudget())
	assert.GreaterOrEqual(t, len(tu.Replies), floodSize, "a flood of %d messages from %s got %d replies: each must be answered", floodSize, phone, len(tu.Replies))
	assertSafeTurn(t, m, tu, tg.Session(t, phone).Phase, "a flood of messages")
	if m.Observe.InboundSQL != "" {
		assert.Len(t, tg.Inbound(t, phone), floodSize, "a flood of %d distinct messages from %s must be stored once each", floodSize, phone)
	}
	testutil.AssertHealthy(t, tg, "a flood of messages from one phone")
	after := tg.Say(t, phone, text)
	assertAnswered(t, after, "a message after the flood")
}
