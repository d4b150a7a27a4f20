package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Meta delivers at least once: a slow answer, a timeout or a second app on
// the account and the same message (same wamid) arrives again. The customer
// must not hear the bot twice.
func TestARedeliveredMessageGetsNoSecondReply(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)

	t.Run("the same delivery posted again is acknowledged and not answered", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		text := tg.M.Opening()
		body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
		first := tg.Deliver(t, body)
		first.Sent = text
		require.NotEmpty(t, first.Replies, "the first delivery must be answered; %s", first.Quote())
		stateAfterFirst := tg.Session(t, phone).State

		again := tg.Deliver(t, body)
		again.Sent = text
		assert.Equal(t, 200, again.Response.Status, "a redelivery must be acknowledged 200 (else Meta keeps retrying); it got %s", again.Response)
		assert.Empty(t, again.Replies, "the same message (same wamid) was answered twice; the second time with %q", again.Text())
		assert.Len(t, tg.Replies(t, phone), len(first.Replies), "the phone holds more replies than the one delivery earned")
		assert.Equal(t, stateAfterFirst, tg.Session(t, phone).State, "a redelivery moved the session again")
		if tg.M.Observe.InboundSQL != "" {
			assert.Len(t, tg.Inbound(t, phone), 1, "one message delivered twice must be stored once")
		}
	})

	t.Run("the same message twice in one delivery is answered once", func(t *testing.T) {
		t.Parallel()
		phones := tg.Phones(t, 2)
		once, twice := phones[0], phones[1]
		text := tg.M.Opening()
		control := tg.Say(t, once, text)
		require.NotEmpty(t, control.Replies, "the bot must answer %q; %s", text, control.Quote())

		msg := fixtures.Text(twice, text)
		tu := tg.Deliver(t, fixtures.Delivery(msg, msg).JSON())
		tu.Sent = text + " (twice, one wamid)"
		assert.Len(t, tu.Replies, len(control.Replies),
			"a message sent once earned %d replies; the same wamid twice in one delivery earned %d: %q", len(control.Replies), len(tu.Replies), tu.Text())
	})
}
