package botclient

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/jackc/pgx/v5"
)

// A bot that is not ours alone (a local target: every test binary of a
// `go test ./layers/...` run talks to the same process) must not be
// restarted under another binary's feet. Every request holds a shared
// PostgreSQL advisory lock on the bot's database for its duration, and a
// restart takes the same lock exclusively: it waits for requests in flight,
// and new ones wait for the bot to be back.

func restartKey(bot string) int64 {
	h := fnv.New64a()
	h.Write([]byte("caas-testing/restart/" + bot))
	return int64(h.Sum64())
}

// sharedHold holds the shared restart lock until the returned func is called.
func (tg *Target) sharedHold(ctx context.Context) (func(), error) {
	if !tg.crossProcessRestart {
		return func() {}, nil
	}
	tx, err := tg.DB.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("taking the restart lock: %w", err)
	}
	if _, err := tx.Exec(ctx, "select pg_advisory_xact_lock_shared($1)", restartKey(tg.M.Name)); err != nil {
		_ = tx.Rollback(context.Background())
		return nil, fmt.Errorf("taking the restart lock: %w", err)
	}
	return func() { _ = tx.Rollback(context.Background()) }, nil
}

// exclusiveHold holds the restart lock alone until the returned func is called.
func (tg *Target) exclusiveHold(ctx context.Context) (func(), error) {
	if !tg.crossProcessRestart {
		return func() {}, nil
	}
	conn, err := tg.DB.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("taking the restart lock: %w", err)
	}
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		conn.Release()
		return nil, fmt.Errorf("taking the restart lock: %w", err)
	}
	if _, err := tx.Exec(ctx, "select pg_advisory_xact_lock($1)", restartKey(tg.M.Name)); err != nil {
		_ = tx.Rollback(context.Background())
		conn.Release()
		return nil, fmt.Errorf("waiting for requests in flight before a restart: %w", err)
	}
	return func() {
		_ = tx.Rollback(context.Background())
		conn.Release()
	}, nil
}
