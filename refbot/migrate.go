package refbot

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"

	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies the reference bot's schema to the database at dsn, as
// Start does. A harness that clones databases from a template migrates the
// template once with it instead of every clone.
func Migrate(ctx context.Context, dsn string) error {
	pool, err := openPool(ctx, dsn, 2)
	if err != nil {
		return fmt.Errorf("refbot: %w", err)
	}
	defer pool.Close()
	if err := migrate(ctx, pool); err != nil {
		return fmt.Errorf("refbot: %w", err)
	}
	return nil
}

// SchemaVersion identifies the schema Migrate writes: a digest of the
// embedded migration files, so that a database migrated by another version
// of the bot is never taken for this one's.
func SchemaVersion() string {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		sql, _ := migrations.ReadFile(name)
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(sql))
		h.Write(sql)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// migrate applies every embedded migration in name order. Each file is
// idempotent, so they all run on every start; the advisory lock keeps two
// servers starting at once on one database from racing on CREATE TABLE.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: begin: %s", shortDBError(err))
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	if _, err := tx.Exec(ctx, "select pg_advisory_xact_lock(hashtext('refbot_migrations'))"); err != nil {
		return fmt.Errorf("migrate: lock: %s", shortDBError(err))
	}
	for _, name := range names {
		sql, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if _, err := tx.Exec(ctx, string(sql)); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate: commit: %s", shortDBError(err))
	}
	return nil
}
