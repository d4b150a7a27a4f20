package l11smoke_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestOneSignedMessageGetsAReplyWithinTheLatencyBudget(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	turn := tg.Say(t, phone, tg.M.Opening())
	testutil.AssertAnsweredWithinBudget(t, tg, turn)
	assert.True(t, tg.Session(t, phone).Exists, "the bot replied but keeps no session: %s", turn.Quote())
}
