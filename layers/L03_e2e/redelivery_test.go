package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Meta redelivers a webhook it thinks was not received; the message id is
// the same, and the customer must not read the answer twice.
func TestRedeliveringTheSameWhatsAppMessageIDYieldsNoSecondReply(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")

	// redeliver posts body again, signed, and returns the replies it caused:
	// a fresh message is then said and waited for, so that anything the
	// redelivery triggered has landed before the count is taken.
	redeliver := func(t *testing.T, phone string, body []byte, wamid string) []testutil.Reply {
		t.Helper()
		cursor := tg.Cursor(t, phone)
		resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
		require.Equal(t, 2, resp.Status/100, "a redelivery must be acknowledged with 2xx, or Meta keeps retrying; got %s", resp)
		tg.WaitTurn(t, phone, cursor, wamid)
		fence := tg.Say(t, phone, testutil.Utterance(t, m, "help", ""))
		var caused []testutil.Reply
		for _, r := range tg.Replies(t, phone) {
			if r.ID > cursor && !containsReply(fence.Replies, r) {
				caused = append(caused, r)
			}
		}
		return caused
	}

	t.Run("right after the first delivery", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		msg := fixtures.Text(phone, testutil.Utterance(t, m, path[0].Intent, ""))
		body := fixtures.Delivery(msg).JSON()
		first := tg.Deliver(t, body)
		require.NotEmpty(t, first.Replies, "%s: the first delivery must be answered", first.Quote())
		before := tg.Session(t, phone)

		again := redeliver(t, phone, body, msg.ID)

		assert.Empty(t, again, "message %s delivered twice: the second delivery was answered again with %q", msg.ID, bodies(again))
		assert.Len(t, tg.Inbound(t, phone), 2, "the message and the help request must be stored once each (the redelivery not at all)")
		after := tg.Session(t, phone)
		assert.Equal(t, before.State, after.State, "the redelivery must not move the session (help keeps the state)")
	})

	t.Run("after the conversation has moved on", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		if len(path) < 2 {
			t.Skipf("%s: the happy path has one step, so nothing follows the first message", m.File())
		}
		msg := fixtures.Text(phone, testutil.Utterance(t, m, path[0].Intent, ""))
		body := fixtures.Delivery(msg).JSON()
		tg.Deliver(t, body)
		next := tg.Say(t, phone, testutil.Utterance(t, m, path[1].Intent, ""))
		require.Equal(t, path[1].State, tg.Session(t, phone).State, "%s: precondition: the graph's second step", next.Quote())

		again := redeliver(t, phone, body, msg.ID)

		assert.Empty(t, again, "message %s redelivered after the conversation moved on was answered again with %q", msg.ID, bodies(again))
		assert.Equal(t, path[1].State, tg.Session(t, phone).State, "an old message redelivered must not move the session back or forth")
	})

	t.Run("twice within one delivery", func(t *testing.T) {
		t.Parallel()
		phones := tg.Phones(t, 2)
		text := testutil.Utterance(t, m, path[0].Intent, "")
		once := tg.Say(t, phones[0], text)
		msg := fixtures.Text(phones[1], text)

		twice := tg.Deliver(t, fixtures.Delivery(msg, msg).JSON())

		assert.Equal(t, len(once.Replies), len(twice.Replies),
			"message %s appeared twice in one delivery: answered with %q, but the same message sent once gets %q", msg.ID, twice.Text(), once.Text())
		assert.Len(t, tg.Inbound(t, phones[1]), 1, "a message id repeated within one delivery must be stored once")
	})
}

func containsReply(rs []testutil.Reply, r testutil.Reply) bool {
	for _, x := range rs {
		if x.ID == r.ID {
			return true
		}
	}
	return false
}

func bodies(rs []testutil.Reply) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Body
	}
	return out
}
