package l03e2e_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// plainTexts are messages that hold no personal data, so a bot stores them
// as sent: the first two steps of the happy path (a greeting, a consent)
// and a request for help.
func plainTexts(t testing.TB, tg *testutil.Target) []string {
	t.Helper()
	path := testutil.TypedPath(t, tg.M, "")
	texts := []string{testutil.Utterance(t, tg.M, path[0].Intent, "")}
	if len(path) > 1 {
		texts = append(texts, testutil.Utterance(t, tg.M, path[1].Intent, ""))
	}
	return append(texts, testutil.Utterance(t, tg.M, "help", ""))
}

func TestInboundAndOutboundMessagesArePersistedWithDirectionAndOrder(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	texts := plainTexts(t, tg)

	var answered []testutil.Reply
	for i, text := range texts {
		tu := tg.Say(t, phone, text)
		require.NotEmpty(t, tu.Replies, "%s: every message must be answered", tu.Quote())

		inbound := tg.Inbound(t, phone)
		if assert.Len(t, inbound, i+1, "%s: after %d messages the bot stored %d inbound rows", tu.Quote(), i+1, len(inbound)) {
			assert.Equal(t, text, inbound[i].Body, "the newest inbound row must hold the text just sent, as sent")
		}
		if len(answered) > 0 {
			assert.Greater(t, tu.Replies[0].ID, answered[len(answered)-1].ID,
				"%s: this turn's replies must come after the previous turn's (ids increase)", tu.Quote())
		}
		answered = append(answered, tu.Replies...)
	}

	inbound := tg.Inbound(t, phone)
	for i := 1; i < len(inbound); i++ {
		assert.Greater(t, inbound[i].ID, inbound[i-1].ID, "inbound ids must increase in the order the messages were sent: %v", inbound)
	}
	replies := tg.Replies(t, phone)
	assert.Equal(t, answered, replies, "the stored replies must be exactly the replies of each turn, in turn order, none lost or added")
	for _, r := range replies {
		assert.NotContains(t, texts, r.Body, "an outbound row holds a customer's text %q: directions are mixed up", r.Body)
	}
}

func TestSeveralMessagesInOneDeliveryAreEachHandledInOrder(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	if len(path) > 3 {
		path = path[:3]
	}
	phone := tg.Phone(t)
	var msgs []fixtures.Message
	var texts []string
	for _, st := range path {
		text := testutil.Utterance(t, m, st.Intent, "")
		texts = append(texts, text)
		msgs = append(msgs, fixtures.Text(phone, text))
	}

	tu := tg.Deliver(t, fixtures.Delivery(msgs...).JSON())
	tu.Sent = fmt.Sprintf("%q in one delivery", texts)

	var stored []string
	for _, in := range tg.Inbound(t, phone) {
		stored = append(stored, in.Body)
	}
	assert.Equal(t, texts, stored, "%s: every message of the delivery must be stored, in the delivery's order", tu.Quote())
	assert.GreaterOrEqual(t, len(tu.Replies), len(texts), "%s: each of the %d messages must get its reply", tu.Quote(), len(texts))
	s := tg.Session(t, phone)
	assert.Equal(t, m.StateAfter(path), s.State, "%s: handled in order, the messages lead to %q per the graph", tu.Quote(), m.StateAfter(path))
	assert.Equal(t, m.PhasesAlong(path), collapse(tg.PhasePath(t, phone)), "%s: the phase path must show each message's step", tu.Quote())
}
