package refbot_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The package's own database: created fresh in TestMain on the PostgreSQL
// named by CAAS_DATABASE_URL (else the local one on 127.0.0.1:5432) and
// dropped at the end. Every test starts its bots on it and keeps apart from
// the others by using phones of its own.
var testDB struct {
	url  string        // DSN of the fresh database
	pool *pgxpool.Pool // the tests' view of it (what an operator would query)
	skip string        // why database tests cannot run, when they cannot
}

const defaultServerURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

func TestMain(m *testing.M) {
	os.Exit(runWithDatabase(m))
}

func runWithDatabase(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	dsn, drop, err := createPackageDatabase(ctx)
	cancel()
	if err != nil {
		testDB.skip = err.Error()
		return m.Run()
	}
	defer drop()
	pool, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		testDB.skip = fmt.Sprintf("open the test database: %v", err)
		return m.Run()
	}
	defer pool.Close()
	testDB.url, testDB.pool = dsn, pool
	return m.Run()
}

// createPackageDatabase creates refbot_test_<random> next to the server's
// maintenance database and returns its DSN and a function that drops it.
func createPackageDatabase(ctx context.Context) (string, func(), error) {
	server := os.Getenv("CAAS_DATABASE_URL")
	source := "CAAS_DATABASE_URL"
	if server == "" {
		server, source = defaultServerURL, "the local default "+defaultServerURL
	}
	cfg, err := pgx.ParseConfig(server)
	if err != nil {
		return "", nil, fmt.Errorf("no database for the refbot tests: %s does not parse: %v", source, err)
	}
	cfg.ConnectTimeout = 3 * time.Second
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return "", nil, fmt.Errorf("no PostgreSQL answers at %s:%d (%s); start one or set CAAS_DATABASE_URL", cfg.Host, cfg.Port, source)
	}
	name := fmt.Sprintf("refbot_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	if _, err := admin.Exec(ctx, "create database "+name); err != nil {
		admin.Close(ctx)
		return "", nil, fmt.Errorf("create the refbot test database on %s:%d: %v; does the user have CREATEDB?", cfg.Host, cfg.Port, err)
	}
	admin.Close(ctx)
	u, err := url.Parse(server)
	if err != nil || u.Scheme == "" {
		return "", nil, fmt.Errorf("no database for the refbot tests: use a URL (postgres://...) in %s", source)
	}
	u.Path = "/" + name
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "refbot tests: could not drop %s: %v\n", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "drop database if exists "+name+" with (force)"); err != nil {
			fmt.Fprintf(os.Stderr, "refbot tests: could not drop %s: %v\n", name, err)
		}
	}
	return u.String(), drop, nil
}

// needDB skips a test that needs PostgreSQL when none answers.
func needDB(t testing.TB) {
	t.Helper()
	if testDB.skip != "" {
		t.Skip(testDB.skip)
	}
}
