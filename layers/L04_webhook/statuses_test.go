package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Receipts for the bot's own messages arrive on the same webhook as the
// customer's messages. They must be acknowledged (or Meta retries them for
// days) and never answered: a bot that replies to "read" talks to itself.
func TestStatusNotificationsAreAcknowledgedWithoutAReply(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	cases := []struct {
		name     string
		statuses func(phone string) []fixtures.Status
	}{
		{"a sent receipt", func(p string) []fixtures.Status { return []fixtures.Status{fixtures.StatusSent(p, "")} }},
		{"a delivered receipt", func(p string) []fixtures.Status { return []fixtures.Status{fixtures.StatusDelivered(p, "")} }},
		{"a read receipt", func(p string) []fixtures.Status { return []fixtures.Status{fixtures.StatusRead(p, "")} }},
		{"a failed receipt", func(p string) []fixtures.Status { return []fixtures.Status{fixtures.StatusFailed(p, "")} }},
		{"sent, delivered and read receipts in one delivery", func(p string) []fixtures.Status {
			sent := fixtures.StatusSent(p, "")
			return []fixtures.Status{sent, fixtures.StatusDelivered(p, sent.ID), fixtures.StatusRead(p, sent.ID)}
		}},
	}
	for _, c := range cases {
		t.Run("the bot does not answer "+c.name, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			// A receipt follows a reply the bot sent, so the phone is mid-conversation.
			opened := tg.Say(t, phone, tg.M.Opening())
			require.NotEmpty(t, opened.Replies, "the bot must answer an opening message before receipts make sense; %s", opened.Quote())
			before := tg.Session(t, phone)

			tu := tg.Deliver(t, fixtures.Statuses(c.statuses(phone)...).JSON())
			assert.Equal(t, 200, tu.Response.Status, "%s for %s, signed, answered %s; want 200", c.name, phone, tu.Response)
			assert.Empty(t, tu.Replies, "%s is not a customer message, yet the bot answered %q", c.name, tu.Text())
			after := tg.Session(t, phone)
			assert.Equal(t, before.State, after.State, "%s moved the session from %s to %s", c.name, before.State, after.State)
		})
	}
}
