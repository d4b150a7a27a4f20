package botclient

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestSweepDropsOnlyOldAbandonedTestDatabases(t *testing.T) {
	ctx := context.Background()
	server, _, err := ServerDSN(ctx)
	if err != nil {
		t.Skipf("no PostgreSQL: %v", err)
	}
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	old := "caas_sweeptest_" + strconv.FormatInt(time.Now().Add(-3*time.Hour).Unix(), 36) + randomHex(3)
	fresh := "caas_sweeptest_" + strconv.FormatInt(time.Now().Unix(), 36) + randomHex(3)
	for _, name := range []string{old, fresh} {
		if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = conn.Exec(context.Background(), "drop database if exists "+pgx.Identifier{name}.Sanitize())
		})
	}
	sweepStale(ctx, conn)
	exists := func(name string) bool {
		var n int
		if err := conn.QueryRow(ctx, "select count(*) from pg_database where datname = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	if exists(old) {
		t.Errorf("%s is three hours old and abandoned, but the sweep kept it", old)
	}
	if !exists(fresh) {
		t.Errorf("%s was created just now, but the sweep dropped it", fresh)
	}
}

func TestWithNoDatabaseAndNoDockerTheErrorSaysHowToGetOneWithinASecond(t *testing.T) {
	t.Setenv("CAAS_DATABASE_URL", "")
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	start := time.Now()
	_, _, err := findServer(context.Background(), "postgres://postgres@127.0.0.1:1/postgres?connect_timeout=1")
	took := time.Since(start)
	if err == nil || err.Error() != NoDatabaseHelp {
		t.Fatalf("findServer = %v, want %q", err, NoDatabaseHelp)
	}
	if took > 1500*time.Millisecond {
		t.Errorf("finding no database took %v, want well under 1.5 s (no PostgreSQL, no Docker)", took)
	}
}
