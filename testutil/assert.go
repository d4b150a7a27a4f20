package testutil

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// AssertHealthy checks the bot still answers its health endpoint with 200
// after what was done to it (after: "a flood of messages from one phone").
// A bot with no endpoints.health is not checked, and the log says so.
func AssertHealthy(t testing.TB, tg *Target, after string) {
	t.Helper()
	path := tg.M.Endpoints.Health
	if path == "" {
		t.Logf("%s: endpoints.health is empty, so the bot's health after %s is not checked", tg.M.File(), after)
		return
	}
	resp := tg.Get(t, path)
	assert.Equal(t, http.StatusOK, resp.Status, "after %s, GET %s answered %s: the bot must stay healthy", after, path, resp)
}

// AssertNothingStored checks the bot kept no trace of phone after a
// delivery it should have refused (after: "a forged delivery"): no
// session, no reply, and no inbound message when observe.inbound_sql lets
// them be read.
func AssertNothingStored(t testing.TB, tg *Target, phone, after string) {
	t.Helper()
	s := tg.Session(t, phone)
	assert.False(t, s.Exists, "after %s, the bot holds a session for %s (state %q, phase %q): a refused delivery must leave nothing behind", after, phone, s.State, s.Phase)
	if tg.M.Observe.InboundSQL != "" {
		assert.Empty(t, tg.Inbound(t, phone), "after %s, the bot stored inbound messages of %s: a refused delivery must leave nothing behind", after, phone)
	}
	assert.Empty(t, tg.Replies(t, phone), "after %s, the bot replied to %s: a refused delivery must get no answer", after, phone)
}

// AssertAnsweredWithinBudget checks a turn the customer is owed an answer
// to, against budgets.reply_ms: the webhook acknowledged the delivery with
// 200 within the budget (Meta retries anything slower), the bot finished
// its turn, and its reply came within the budget and says something.
func AssertAnsweredWithinBudget(t testing.TB, tg *Target, tu *Turn) {
	t.Helper()
	budget := tg.M.Budgets.Reply()
	assert.Equal(t, http.StatusOK, tu.Response.Status, "a signed delivery must be answered 200; %s", tu.Quote())
	assert.LessOrEqual(t, tu.Response.Elapsed, budget,
		"the webhook took %v to answer a signed delivery, over budgets.reply_ms (%v); %s", tu.Response.Elapsed, budget, tu.Quote())
	if !assert.True(t, tu.Settled, "the bot did not finish the turn within %v; %s", tg.WaitBudget(), tu.Quote()) {
		return
	}
	if !assert.NotEmpty(t, tu.Replies, "a signed message must get an answer; %s", tu.Quote()) {
		return
	}
	assert.LessOrEqual(t, tu.Waited, budget, "the reply took %v; budgets.reply_ms promises %v: %s", tu.Waited, budget, tu.Quote())
	for _, r := range tu.Replies {
		assert.NotEmpty(t, strings.TrimSpace(r.Body), "an empty reply: %s", tu.Quote())
	}
}
