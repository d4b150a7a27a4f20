package l11smoke_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// waitHealth asks /health until done says the answer is the one awaited,
// or the deadline passes; it returns the last answer and whether done.
func waitHealth(t *testing.T, tg *testutil.Target, deadline time.Duration, done func(health) bool) (health, bool) {
	t.Helper()
	end := time.Now().Add(deadline)
	backoff := 10 * time.Millisecond
	for {
		h := getHealth(t, tg)
		if done(h) {
			return h, true
		}
		if time.Now().After(end) {
			return h, false
		}
		// Polling a probe: /health is the signal, there is nothing to wait on.
		select {
		case <-t.Context().Done():
			return h, false
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 250*time.Millisecond)
	}
}

func healthy(h health) bool { return h.resp.Status == http.StatusOK && h.dbOK() }

func TestHealthSaysSoWhenTheBotsDatabaseIsDown(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	if m.Target.Kind != bots.TargetEmbedded {
		t.Skipf("target is %s: taking the database down would hurt a bot the suite does not own; this runs on a private embedded target only (target.kind in %s)", m.Target.Kind, m.File())
	}
	tg := testutil.OpenPrivate(t)
	_, ok := waitHealth(t, tg, 5*time.Second, healthy)
	require.True(t, ok, "the private bot is not healthy to begin with")

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := tg.DB.Config().ConnConfig.Copy()
	name := cfg.Database
	cfg.Database = "postgres"
	admin, err := pgx.ConnectConfig(ctx, cfg)
	require.NoError(t, err, "connecting to the bot's PostgreSQL server as its admin")
	t.Cleanup(func() { admin.Close(context.Background()) })
	allow := func(yes bool) error {
		_, err := admin.Exec(context.Background(), "alter database "+pgx.Identifier{name}.Sanitize()+" allow_connections "+map[bool]string{true: "true", false: "false"}[yes])
		return err
	}
	// The database refuses new connections, and the ones open are cut:
	// to the bot, the database is gone.
	require.NoError(t, allow(false))
	t.Cleanup(func() { _ = allow(true) }) // before the target's own cleanup drops it
	_, err = admin.Exec(ctx, "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", name)
	require.NoError(t, err)

	cut := time.Now()
	down, saidSo := waitHealth(t, tg, 6*time.Second, func(h health) bool { return !healthy(h) })
	if assert.True(t, saidSo, "with its database refusing every connection, GET %s still answers %s: the health check does not ask the database", m.Endpoints.Health, down.resp) {
		assert.GreaterOrEqual(t, down.resp.Status, 500, "GET %s answered %s with the database down: a load balancer reads the status code, so it must be 5xx", m.Endpoints.Health, down.resp)
		assert.False(t, down.dbOK(), "GET %s answered %s: the db field still says ok", m.Endpoints.Health, down.resp)
		assert.Less(t, down.resp.Elapsed, 5*time.Second, "GET %s took %v to say the database is down: a probe times out long before", m.Endpoints.Health, down.resp.Elapsed)
	}

	t.Logf("GET %s said the database was down %v after it was cut: %s", m.Endpoints.Health, time.Since(cut).Round(time.Millisecond), down.resp)
	require.NoError(t, allow(true))
	back, recovered := waitHealth(t, tg, 10*time.Second, healthy)
	assert.True(t, recovered, "the database is back, but GET %s still answers %s: the bot does not reconnect", m.Endpoints.Health, back.resp)
}
