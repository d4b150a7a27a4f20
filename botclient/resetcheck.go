package botclient

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ResetCheck is what one observe.reset_sql statement did when CheckReset
// ran it for a scratch test phone, in a transaction it then rolled back.
type ResetCheck struct {
	Index   int    // its place in observe.reset_sql
	SQL     string // the statement
	Touched int64  // rows it deleted or updated
	Err     error  // it could not run
}

// Reaches reports whether the statement touched rows although the phone
// it was given has none: those rows are other customers'.
func (c ResetCheck) Reaches() bool { return c.Err == nil && c.Touched > 0 }

// scratchTries is how many test phones CheckReset looks at for one with no
// rows before it gives up (phones left with rows by a killed run, or in use).
const scratchTries = 10

// CheckReset runs every reset statement of the manifest for a scratch
// phone: a test phone, held with the same advisory lock as a test's, that
// the manifest's own observe queries show has no rows at all. Each runs in
// a transaction that is rolled back, so nothing changes; for a phone with
// no rows a statement that is what it claims touches nothing, and every
// row it does touch belongs to somebody else. The suite knows the bot's
// tables only through the manifest's SQL, so this is the one count that
// means the same for every bot.
func (tg *Target) CheckReset(ctx context.Context) (phone string, checks []ResetCheck, err error) {
	phone, release, err := tg.scratchPhone(ctx)
	if err != nil {
		return "", nil, err
	}
	defer release()
	for i, stmt := range tg.M.Observe.ResetSQL {
		touched, err := tg.rolledBack(ctx, stmt, phone)
		checks = append(checks, ResetCheck{Index: i, SQL: stmt, Touched: touched, Err: err})
	}
	return phone, checks, nil
}

// scratchPhone holds test phones until one has no rows by every observe
// query, then lets the others go; release frees that one.
func (tg *Target) scratchPhone(ctx context.Context) (phone string, release func(), err error) {
	var held []string
	defer func() {
		for _, p := range held {
			tg.phones.release(p)
		}
	}()
	for range scratchTries {
		p, err := tg.phones.acquire(ctx)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", tg.M.Name, err)
		}
		if err := tg.Guard(p); err != nil {
			return "", nil, err
		}
		used, err := tg.hasRows(ctx, p)
		if err != nil {
			tg.phones.release(p)
			return "", nil, err
		}
		if !used {
			return p, func() { tg.phones.release(p) }, nil
		}
		held = append(held, p)
	}
	return "", nil, fmt.Errorf("%s: the first %d free test phones of %s all have rows (left by an earlier run?); reset them with the suite, or widen test_phones.range", tg.M.Name, scratchTries, tg.M.TestPhones.Range)
}

// hasRows reports whether any of the manifest's observe queries returns a
// row for phone (turn_done_sql always answers, so it is not asked).
func (tg *Target) hasRows(ctx context.Context, phone string) (bool, error) {
	o := tg.M.Observe
	for _, q := range []struct {
		field, sql string
		args       []any
	}{
		{"replies_sql", o.RepliesSQL, []any{phone, int64(0)}},
		{"inbound_sql", o.InboundSQL, []any{phone, int64(0)}},
		{"session_sql", o.SessionSQL, []any{phone}},
		{"session_data_sql", o.SessionDataSQL, []any{phone}},
		{"phases_sql", o.PhasesSQL, []any{phone}},
		{"consent_sql", o.ConsentSQL, []any{phone}},
		{"payments_sql", o.PaymentsSQL, []any{phone}},
		{"receipt_sql", o.ReceiptSQL, []any{phone}},
		{"personal_data_sql", o.PersonalDataSQL, []any{phone}},
	} {
		if q.sql == "" {
			continue
		}
		rows, err := tg.DB.Query(ctx, q.sql, q.args...)
		if err != nil {
			return false, fmt.Errorf("%s: observe.%s: %w", tg.M.Path, q.field, err)
		}
		found := rows.Next()
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, fmt.Errorf("%s: observe.%s: %w", tg.M.Path, q.field, err)
		}
		if found {
			return true, nil
		}
	}
	return false, nil
}

// rolledBack runs stmt for phone in a transaction and rolls it back. The
// timeouts keep a statement that would lock many of a live bot's rows from
// holding them, or waiting on the bot's own locks, for long.
func (tg *Target) rolledBack(ctx context.Context, stmt, phone string) (touched int64, err error) {
	tx, err := tg.DB.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("beginning a transaction on the bot's database: %w", err)
	}
	defer func() {
		if rbErr := tx.Rollback(context.WithoutCancel(ctx)); rbErr != nil && !errors.Is(rbErr, pgx.ErrTxClosed) && err == nil {
			err = fmt.Errorf("rolling back: %w", rbErr)
		}
	}()
	for _, set := range []string{"set local statement_timeout = '10s'", "set local lock_timeout = '2s'"} {
		if _, err := tx.Exec(ctx, set); err != nil {
			return 0, fmt.Errorf("%s: %w", set, err)
		}
	}
	tag, err := tx.Exec(ctx, stmt, phone)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}
