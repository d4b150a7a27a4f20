package l11smoke_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestOneSignedMessageGetsAReplyWithinTheLatencyBudget(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	budget := tg.M.Budgets.Reply()
	turn := tg.Say(t, phone, tg.M.Opening())
	require.True(t, turn.Settled, "the bot's turn did not end: %s", turn.Quote())
	require.NotEmpty(t, turn.Replies, "a new customer said hello and got nothing back: %s", turn.Quote())
	assert.LessOrEqual(t, turn.Waited, budget, "the reply took %v; budgets.reply_ms promises %v: %s", turn.Waited, budget, turn.Quote())
	for _, r := range turn.Replies {
		assert.NotEmpty(t, r.Body, "an empty reply: %s", turn.Quote())
	}
	assert.True(t, tg.Session(t, phone).Exists, "the bot replied but keeps no session: %s", turn.Quote())
}
