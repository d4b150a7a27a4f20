package botclient

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// LocalPostgres is where a PostgreSQL is looked for when CAAS_DATABASE_URL is unset.
const LocalPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// NoDatabaseHelp is the one line printed when no PostgreSQL can be found.
const NoDatabaseHelp = "no PostgreSQL for the tests: set CAAS_DATABASE_URL, start one on 127.0.0.1:5432, or run `docker compose up -d db`"

var (
	serverOnce sync.Once
	serverDSN  string
	serverErr  error
	serverFrom string
)

// ServerDSN returns an admin connection string to a PostgreSQL server on
// which per-package databases may be created: $CAAS_DATABASE_URL, else the
// local server on 127.0.0.1:5432 if it answers within a second, else a
// testcontainers PostgreSQL if a Docker engine answers, else an error that
// says how to get one. The choice is made once per process.
func ServerDSN(ctx context.Context) (dsn, from string, err error) {
	serverOnce.Do(func() {
		serverDSN, serverFrom, serverErr = findServer(ctx, LocalPostgres)
	})
	return serverDSN, serverFrom, serverErr
}

func findServer(ctx context.Context, local string) (string, string, error) {
	if env := strings.TrimSpace(os.Getenv("CAAS_DATABASE_URL")); env != "" {
		if err := ping(ctx, env, 5*time.Second); err != nil {
			return "", "", fmt.Errorf("CAAS_DATABASE_URL does not answer: %w", err)
		}
		return env, "CAAS_DATABASE_URL", nil
	}
	if err := ping(ctx, local, time.Second); err == nil {
		return local, "127.0.0.1:5432", nil
	}
	if dockerAvailable(ctx) {
		dsn, err := startContainer(ctx)
		if err != nil {
			return "", "", fmt.Errorf("starting PostgreSQL with testcontainers: %w; %s", err, NoDatabaseHelp)
		}
		return dsn, "testcontainers", nil
	}
	return "", "", errors.New(NoDatabaseHelp)
}

func ping(ctx context.Context, dsn string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return conn.Ping(ctx)
}

// CreateDatabase creates a fresh, uniquely named database on the server and
// returns its DSN and a function that drops it (forcefully: a bot that
// leaked a connection must not keep the database alive).
func CreateDatabase(ctx context.Context, prefix string) (dsn string, drop func(context.Context) error, err error) {
	server, _, err := ServerDSN(ctx)
	if err != nil {
		return "", nil, err
	}
	name := sanitizeDBName(prefix) + "_" + strconv.FormatInt(time.Now().Unix(), 36) + randomHex(3)
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return "", nil, fmt.Errorf("connecting to %s: %w", redactDSN(server), err)
	}
	defer conn.Close(context.Background())
	sweepOnce.Do(func() { sweepStale(ctx, conn) })
	if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("creating database %s: %w", name, err)
	}
	dsn, err = withDatabase(server, name)
	if err != nil {
		return "", nil, err
	}
	drop = func(ctx context.Context) error {
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			return err
		}
		defer c.Close(context.Background())
		_, err = c.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
		return err
	}
	return dsn, drop, nil
}

func withDatabase(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		// keyword/value DSN
		return dsn + " dbname=" + name, nil
	}
	u.Path = "/" + name
	return u.String(), nil
}

func sanitizeDBName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	if len(out) > 40 {
		out = out[len(out)-40:]
	}
	return "caas_" + strings.Trim(out, "_")
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// redactDSN drops the password from a DSN for error messages.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return "the database"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.Redacted()
}

var sweepOnce sync.Once

// staleAfter is how old a test database must be before a later run may
// drop it: far longer than any test binary lives.
const staleAfter = 2 * time.Hour

// staleName matches the databases CreateDatabase names: caas_<label>_<unix
// seconds in base 36><6 hex>.
var staleName = regexp.MustCompile(`^caas_.*_([0-9a-z]{6,})([0-9a-f]{6})$`)

// sweepStale drops test databases that a killed test binary left behind
// (it had no chance to drop its own): older than staleAfter by the time in
// their name, and with nobody connected. Best effort: errors are ignored.
func sweepStale(ctx context.Context, conn *pgx.Conn) {
	rows, err := conn.Query(ctx, `select datname from pg_database d
		where datname like 'caas\_%' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, name := range names {
		m := staleName.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		secs, err := strconv.ParseInt(m[1], 36, 64)
		if err != nil || time.Since(time.Unix(secs, 0)) < staleAfter {
			continue
		}
		_, _ = conn.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
	}
}
