package refbot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultDatabaseURL is the database a product uses when none is
// configured: the local PostgreSQL, user postgres, database refbot_<product>.
func DefaultDatabaseURL(product string) string {
	return "postgres://postgres@127.0.0.1:5432/refbot_" + product + "?sslmode=disable"
}

// EnsureDatabase creates the database named in dsn when it does not exist
// yet, connecting to the server's "postgres" database with the same
// credentials to do so. An existing database is left alone.
func EnsureDatabase(ctx context.Context, dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("parse database URL %s: %w", redactDSN(dsn), err)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5 * time.Second
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		return conn.Close(ctx)
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "3D000" { // invalid_catalog_name
		return fmt.Errorf("connect to %s: %s; is PostgreSQL running and the URL right?", redactDSN(dsn), shortDBError(err))
	}
	name := cfg.Database
	admin := cfg.Copy()
	admin.Database = "postgres"
	conn, err = pgx.ConnectConfig(ctx, admin)
	if err != nil {
		return fmt.Errorf("create database %q: connect to the postgres database: %s", name, shortDBError(err))
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize())
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: another process won the race
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database %q: %s; does the user have CREATEDB?", name, shortDBError(err))
	}
	return nil
}

// openPool connects the server's pool and checks the database answers, so
// Start fails fast with a clear message rather than on the first webhook.
func openPool(ctx context.Context, dsn string, maxConns int32) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse database URL %s: %w", redactDSN(dsn), err)
	}
	cfg.MaxConns = maxConns
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "refbot"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %s", redactDSN(dsn), shortDBError(err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s does not answer: %s; start PostgreSQL or fix the URL (refbot.EnsureDatabase creates a missing database)", redactDSN(dsn), shortDBError(err))
	}
	return pool, nil
}

// redactDSN keeps host, port and database of a DSN for messages, and drops
// the user's password and every parameter.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Host == "" {
		cfg, perr := pgx.ParseConfig(dsn)
		if perr != nil {
			return "(unparsable database URL)"
		}
		return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	}
	return u.Host + u.Path
}

// shortDBError says what went wrong with the database in a few words that
// never contain the DSN, the user or the password (pgx's connect errors
// quote the user and database, so their text is not used verbatim).
func shortDBError(err error) string {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &pgErr):
		return fmt.Sprintf("server error %s", pgErr.Code)
	}
	msg := err.Error()
	for _, known := range []string{"connection refused", "no such host", "connection reset", "broken pipe", "i/o timeout", "unexpected EOF", "closed pool"} {
		if strings.Contains(msg, known) {
			return known
		}
	}
	return "unreachable"
}

// dbUnavailable reports whether err means the database could not do the
// work right now (so the caller should retry: 503), as opposed to a bug in
// our SQL (500).
func dbUnavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"), // connection exception
			strings.HasPrefix(pgErr.Code, "53"),  // insufficient resources
			strings.HasPrefix(pgErr.Code, "57P"), // shutdown, cannot connect now
			pgErr.Code == "40001", pgErr.Code == "40P01":
			return true
		}
		return false
	}
	return true // network errors, timeouts, closed connections
}
