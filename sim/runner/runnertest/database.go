package runnertest

import (
	"context"
	_ "embed"
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/testutil"
)

//go:embed schema.sql
var schemaSQL string

// newDatabase creates the fake bot's database on the tests' PostgreSQL
// server and drops it when the test ends. Its name has the shape of
// botclient's test databases (caas_<label>_<base-36 seconds><6 hex>), so a
// later run sweeps it if this test binary was killed.
func newDatabase(ctx context.Context, t *testing.T) string {
	t.Helper()
	srv, err := botclient.FindServer(ctx, testutil.DatabaseServer())
	require.NoError(t, err)
	name := "caas_fakebot_" + strconv.FormatInt(time.Now().Unix(), 36) + randomHex(3)
	admin, err := pgx.Connect(ctx, srv.DSN)
	require.NoError(t, err)
	defer admin.Close(context.Background())
	_, err = admin.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize())
	require.NoError(t, err)
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(cctx, srv.DSN)
		if err != nil {
			t.Errorf("dropping the fake bot's database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(cctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)"); err != nil {
			t.Errorf("dropping the fake bot's database %s: %v", name, err)
		}
	})
	dsn, err := onDatabase(srv.DSN, name)
	require.NoError(t, err)
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, schemaSQL)
	require.NoError(t, err)
	return dsn
}

// onDatabase is the server's admin URL pointing at database name.
func onDatabase(admin, name string) (string, error) {
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("the tests' PostgreSQL server is not given as a postgres:// URL; set %s to one, e.g. postgres://postgres@127.0.0.1:5432/postgres", "CAAS_DATABASE_URL")
	}
	u.Path = "/" + name
	return u.String(), nil
}
