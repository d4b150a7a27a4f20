package l04webhook_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Meta may batch: several entries, several changes in one entry, several
// messages in one change. A bot that reads entry[0].changes[0].messages[0]
// silently drops every other customer in the POST.
func TestEveryMessageOfABatchedDeliveryIsAnswered(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phones := tg.Phones(t, 4)
	text := tg.M.Opening()

	inFirstChange := fixtures.Text(phones[0], text)
	inSecondChange := fixtures.Text(phones[1], text)
	// Two customers in one change, in a second entry.
	sameChangeA := fixtures.Text(phones[2], text)
	sameChangeB := fixtures.Text(phones[3], text)

	a := fixtures.Delivery(inFirstChange)
	b := fixtures.Delivery(inSecondChange)
	twoChanges := &fixtures.Envelope{Object: a.Object, Entry: []fixtures.Entry{{
		ID:      a.Entry[0].ID,
		Changes: append(append([]fixtures.Change{}, a.Entry[0].Changes...), b.Entry[0].Changes...),
	}}}
	env := fixtures.Merge(twoChanges, fixtures.Delivery(sameChangeA, sameChangeB))
	body := env.JSON()

	resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
	require.Equal(t, 200, resp.Status, "a signed batch of 4 messages (2 entries, 2 changes in the first, 2 messages in one change) answered %s", resp)
	for i, msg := range []fixtures.Message{inFirstChange, inSecondChange, sameChangeA, sameChangeB} {
		where := []string{"entry 1, change 1", "entry 1, change 2", "entry 2, message 1", "entry 2, message 2"}[i]
		tu := tg.WaitTurn(t, msg.From, 0, msg.ID)
		tu.Sent = text
		assert.True(t, tu.Settled, "the message in %s of the batch (from %s) was not handled within %v", where, msg.From, tg.WaitBudget())
		assert.NotEmpty(t, tu.Replies, "the message in %s of the batch (from %s) got no reply; %s", where, msg.From, tu.Quote())
		assert.True(t, tg.Session(t, msg.From).Exists, "the message in %s of the batch (from %s) left no session", where, msg.From)
	}
}

// One customer's two quick messages can travel in one POST; the second must
// be read in the state the first left, in order.
func TestSeveralMessagesFromOnePhoneInOneDeliveryAreHandledInOrder(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	consent, next := consentState(t, tg.M)
	steps := append(tg.M.ShortestPath(tg.M.Graph.Initial, consent), tg.M.ShortestPath(consent, next)...)
	require.NotEmpty(t, steps, "%s: no path from %s to %s", tg.M.File(), tg.M.Graph.Initial, next)
	phone := tg.Phone(t)
	var msgs []fixtures.Message
	var texts []string
	for _, st := range steps {
		text := testutil.Utterance(t, tg.M, st.Intent, "")
		texts = append(texts, text)
		msgs = append(msgs, fixtures.Text(phone, text))
	}
	tu := tg.Deliver(t, fixtures.Delivery(msgs...).JSON())
	tu.Sent = joinQuoted(texts)
	s := tg.Session(t, phone)
	assert.Equal(t, next, s.State, "sent %s in one delivery: the session should be in %s, it is in %s; %s", tu.Sent, next, s.State, tu.Quote())
	assert.GreaterOrEqual(t, len(tu.Replies), len(msgs), "each of the %d messages deserves an answer; %s", len(msgs), tu.Quote())
}

// Other subscribed fields (account, template, quality updates) and
// out-of-band errors share the webhook. They must be acknowledged 200, and
// when batched with a customer's message they must not make the bot drop it.
func TestNonMessageFieldsAndOutOfBandErrorsAreAcknowledged(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	cases := []struct {
		what string
		env  func() *fixtures.Envelope
	}{
		{"an account_update", fixtures.AccountUpdate},
		{"a message_template_status_update", func() *fixtures.Envelope {
			return fixtures.TemplateStatusUpdate("reserva_confirmada", "APPROVED")
		}},
		{"a phone_number_quality_update", func() *fixtures.Envelope {
			return fixtures.FieldUpdate("phone_number_quality_update", map[string]any{
				"display_phone_number": fixtures.DefaultBusiness.DisplayPhone, "event": "FLAGGED", "current_limit": "TIER_1K",
			})
		}},
		{"an out-of-band rate-limit error", func() *fixtures.Envelope { return fixtures.OutOfBandErrors(fixtures.RateLimitError()) }},
	}
	for _, c := range cases {
		t.Run(c.what+" alone is acknowledged 200", func(t *testing.T) {
			t.Parallel()
			body := c.env().JSON()
			resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
			assert.Equal(t, 200, resp.Status, "%s, signed, answered %s; a valid notification must be acknowledged 200 or Meta retries it for days", c.what, resp)
			testutil.AssertHealthy(t, tg, c.what)
		})
		t.Run(c.what+" batched before a message does not hide the message", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			text := tg.M.Opening()
			tu := tg.Deliver(t, fixtures.Merge(c.env(), fixtures.Delivery(fixtures.Text(phone, text))).JSON())
			tu.Sent = text
			assert.Equal(t, 200, tu.Response.Status, "%s batched with a text answered %s", c.what, tu.Response)
			assert.NotEmpty(t, tu.Replies, "the text batched after %s got no reply; %s", c.what, tu.Quote())
		})
	}
}

func joinQuoted(texts []string) string {
	quoted := make([]string, len(texts))
	for i, s := range texts {
		quoted[i] = strconv.Quote(s)
	}
	return strings.Join(quoted, ", ")
}
