package l11smoke_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestHealthAnswers200WithinTheBudgetAndReportsAVersion(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	budget := tg.M.Budgets.Health()
	// One slow answer on a busy machine is noise; three in a row is the bot.
	var h health
	var took []time.Duration
	for range 3 {
		h = getHealth(t, tg)
		took = append(took, h.resp.Elapsed)
		if h.resp.Elapsed <= budget {
			break
		}
	}
	require.Equal(t, http.StatusOK, h.resp.Status, "GET %s answered %s", tg.M.Endpoints.Health, h.resp)
	assert.LessOrEqual(t, h.resp.Elapsed, budget, "GET %s took %v in each of %d tries; budgets.health_ms promises %v", tg.M.Endpoints.Health, took, len(took), budget)
	require.True(t, h.isJSON(), "GET %s answered %s with Content-Type %q: a health report is JSON (%v)", tg.M.Endpoints.Health, h.resp, h.resp.Header.Get("Content-Type"), h.jsonErr)
	assert.Equal(t, "ok", h.text("status"), "GET %s answered %s: a healthy bot says status ok", tg.M.Endpoints.Health, h.resp)
	assert.NotEmpty(t, h.text("version"), "GET %s answered %s: after a deploy, the report must say which version is running", tg.M.Endpoints.Health, h.resp)
}

func TestHealthReportsTheDatabaseAndTheDatabaseReallyAnswers(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	h := getHealth(t, tg)
	require.Equal(t, http.StatusOK, h.resp.Status, "GET %s answered %s", tg.M.Endpoints.Health, h.resp)
	require.Contains(t, h.fields, "db", "GET %s answered %s: the report says nothing about the database", tg.M.Endpoints.Health, h.resp)
	assert.True(t, h.dbOK(), "GET %s answered %s: the database is reported %q", tg.M.Endpoints.Health, h.resp, h.text("db"))

	// The report is only worth something if it agrees with the database
	// itself: ask it, with a query of our own and with the manifest's.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var one int
	require.NoError(t, tg.DB.QueryRow(ctx, "select 1").Scan(&one), "the bot reports its database ok, but it does not answer select 1")
	phone := tg.Phone(t)
	assert.False(t, tg.Session(t, phone).Exists, "observe.session_sql finds a session for the fresh phone %s", phone)
	assert.Empty(t, tg.Replies(t, phone), "observe.replies_sql finds replies for the fresh phone %s", phone)
}
