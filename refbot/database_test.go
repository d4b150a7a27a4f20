package refbot_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/refbot"
)

func TestEnsureDatabaseCreatesAMissingDatabaseOnce(t *testing.T) {
	t.Parallel()
	needDB(t)
	u, err := url.Parse(testDB.url)
	require.NoError(t, err)
	name := "refbot_ensure_" + randomHex(4)
	u.Path = "/" + name
	dsn := u.String()
	t.Cleanup(func() {
		exec(t, "drop database if exists "+name+" with (force)")
	})

	require.NoError(t, refbot.EnsureDatabase(ctxFor(t), dsn), "create it")
	require.NoError(t, refbot.EnsureDatabase(ctxFor(t), dsn), "a second call leaves it alone")
	conn, err := pgx.Connect(ctxFor(t), dsn)
	require.NoError(t, err, "the database exists and answers")
	conn.Close(context.Background())

	b := startBot(t, withDatabaseURL(dsn))
	b.sendText(t, newPhone(), "hola") // the migrations ran on the new database
}

func TestStartRefusesAnIncompleteConfigNamingTheFields(t *testing.T) {
	_, err := refbot.Start(context.Background(), refbot.Config{Product: "voyachat", Addr: "127.0.0.1:0", DatabaseURL: "postgres://127.0.0.1:1/x"})
	require.Error(t, err)
	for _, field := range []string{"AppSecret", "VerifyToken", "StripeSecret"} {
		assert.Contains(t, err.Error(), field)
	}
}

func TestStartFailsClearlyWithoutADatabase(t *testing.T) {
	_, err := refbot.Start(context.Background(), refbot.Config{
		Product: "voyachat", Addr: "127.0.0.1:0", DatabaseURL: "postgres://postgres:hunter2@127.0.0.1:1/refbot_nowhere?connect_timeout=2",
		AppSecret: "a", VerifyToken: "v", StripeSecret: "whsec_s",
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not answer")
	assert.NotContains(t, err.Error(), "hunter2", "the password never appears in errors")
}

func TestConfigLogsNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	cfg := refbot.Config{
		Product: "voyachat", Addr: "127.0.0.1:0", DatabaseURL: "postgres://postgres:hunter2@db.internal:5432/refbot",
		AppSecret: "app-s3cr3t", VerifyToken: "verify-s3cr3t", StripeSecret: "whsec_s3cr3t", GraphToken: "graph-s3cr3t",
	}
	slog.New(slog.NewTextHandler(&buf, nil)).Info("starting", "config", cfg)
	assert.NotContains(t, buf.String(), "s3cr3t")
	assert.NotContains(t, buf.String(), "hunter2")
	assert.Contains(t, buf.String(), "db.internal:5432/refbot", "where the database is stays visible")
}
