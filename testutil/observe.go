package testutil

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Session is a phone's session as the bot's database shows it.
type Session struct {
	Exists   bool
	State    string
	Phase    string
	Language string
	OptedOut bool
}

// Payment is one payment the bot recorded.
type Payment struct {
	EventID  string
	Amount   int64
	Currency string
	Status   string
}

// Consent is one consent answer the bot recorded.
type Consent struct {
	Granted bool
	Text    string
}

func (tg *Target) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// need skips the test when the manifest offers no query for what it needs.
func (tg *Target) need(t testing.TB, field, query string) {
	t.Helper()
	if query == "" {
		t.Skipf("%s: observe.%s is not set in %s, so this cannot be checked", tg.M.Name, field, tg.M.Path)
	}
}

// Cursor is the id of the phone's newest reply (0 when none): replies after
// it are new.
func (tg *Target) Cursor(t testing.TB, phone string) int64 {
	t.Helper()
	replies := tg.Replies(t, phone)
	if len(replies) == 0 {
		return 0
	}
	return replies[len(replies)-1].ID
}

// Replies returns every reply the bot committed for phone, oldest first.
func (tg *Target) Replies(t testing.TB, phone string) []Reply {
	t.Helper()
	ctx, cancel := tg.ctx()
	defer cancel()
	r, err := tg.repliesSince(ctx, phone, 0)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return r
}

func (tg *Target) repliesSince(ctx context.Context, phone string, cursor int64) ([]Reply, error) {
	return tg.rowsIDBody(ctx, "replies_sql", tg.M.Observe.RepliesSQL, phone, cursor)
}

// Inbound returns the customer's messages as the bot stored them.
func (tg *Target) Inbound(t testing.TB, phone string) []Reply {
	t.Helper()
	tg.need(t, "inbound_sql", tg.M.Observe.InboundSQL)
	ctx, cancel := tg.ctx()
	defer cancel()
	r, err := tg.rowsIDBody(ctx, "inbound_sql", tg.M.Observe.InboundSQL, phone, int64(0))
	if err != nil {
		t.Fatalf("%v", err)
	}
	return r
}

func (tg *Target) rowsIDBody(ctx context.Context, field, query string, args ...any) ([]Reply, error) {
	rows, err := tg.DB.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: observe.%s: %w", tg.M.Path, field, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Reply, error) {
		var r Reply
		err := row.Scan(&r.ID, &r.Body)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: observe.%s must return (id bigint, body text): %w", tg.M.Path, field, err)
	}
	return out, nil
}

// Session reads the phone's session.
func (tg *Target) Session(t testing.TB, phone string) Session {
	t.Helper()
	ctx, cancel := tg.ctx()
	defer cancel()
	var s Session
	err := tg.DB.QueryRow(ctx, tg.M.Observe.SessionSQL, phone).Scan(&s.State, &s.Phase, &s.Language, &s.OptedOut)
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}
	}
	if err != nil {
		t.Fatalf("%s: observe.session_sql must return (state, phase, language text, opted_out bool): %v", tg.M.Path, err)
	}
	s.Exists = true
	return s
}

// SessionData returns the session's stored customer data as text.
func (tg *Target) SessionData(t testing.TB, phone string) string {
	t.Helper()
	tg.need(t, "session_data_sql", tg.M.Observe.SessionDataSQL)
	return tg.scalarText(t, "session_data_sql", tg.M.Observe.SessionDataSQL, phone)
}

// PhasePath returns the phases the session went through, oldest first.
func (tg *Target) PhasePath(t testing.TB, phone string) []string {
	t.Helper()
	tg.need(t, "phases_sql", tg.M.Observe.PhasesSQL)
	return tg.texts(t, "phases_sql", tg.M.Observe.PhasesSQL, phone)
}

// PersonalData returns every stored text that may hold the phone's personal data.
func (tg *Target) PersonalData(t testing.TB, phone string) []string {
	t.Helper()
	tg.need(t, "personal_data_sql", tg.M.Observe.PersonalDataSQL)
	return tg.texts(t, "personal_data_sql", tg.M.Observe.PersonalDataSQL, phone)
}

// ReceiptID returns the id of the phone's newest receipt ("" when none).
func (tg *Target) ReceiptID(t testing.TB, phone string) string {
	t.Helper()
	tg.need(t, "receipt_sql", tg.M.Observe.ReceiptSQL)
	ids := tg.texts(t, "receipt_sql", tg.M.Observe.ReceiptSQL, phone)
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// Payments returns the payments recorded for phone.
func (tg *Target) Payments(t testing.TB, phone string) []Payment {
	t.Helper()
	tg.need(t, "payments_sql", tg.M.Observe.PaymentsSQL)
	ctx, cancel := tg.ctx()
	defer cancel()
	rows, err := tg.DB.Query(ctx, tg.M.Observe.PaymentsSQL, phone)
	if err != nil {
		t.Fatalf("%s: observe.payments_sql: %v", tg.M.Path, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Payment, error) {
		var p Payment
		err := row.Scan(&p.EventID, &p.Amount, &p.Currency, &p.Status)
		return p, err
	})
	if err != nil {
		t.Fatalf("%s: observe.payments_sql must return (event_id, amount, currency, status): %v", tg.M.Path, err)
	}
	return out
}

// Consents returns the phone's consent answers, oldest first.
func (tg *Target) Consents(t testing.TB, phone string) []Consent {
	t.Helper()
	tg.need(t, "consent_sql", tg.M.Observe.ConsentSQL)
	ctx, cancel := tg.ctx()
	defer cancel()
	rows, err := tg.DB.Query(ctx, tg.M.Observe.ConsentSQL, phone)
	if err != nil {
		t.Fatalf("%s: observe.consent_sql: %v", tg.M.Path, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Consent, error) {
		var c Consent
		err := row.Scan(&c.Granted, &c.Text)
		return c, err
	})
	if err != nil {
		t.Fatalf("%s: observe.consent_sql must return (granted bool, text_shown text): %v", tg.M.Path, err)
	}
	return out
}

func (tg *Target) texts(t testing.TB, field, query string, args ...any) []string {
	t.Helper()
	ctx, cancel := tg.ctx()
	defer cancel()
	rows, err := tg.DB.Query(ctx, query, args...)
	if err != nil {
		t.Fatalf("%s: observe.%s: %v", tg.M.Path, field, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		var s *string
		err := row.Scan(&s)
		if s == nil {
			return "", err
		}
		return *s, err
	})
	if err != nil {
		t.Fatalf("%s: observe.%s must return one text column: %v", tg.M.Path, field, err)
	}
	return out
}

func (tg *Target) scalarText(t testing.TB, field, query string, args ...any) string {
	t.Helper()
	out := tg.texts(t, field, query, args...)
	if len(out) == 0 {
		return ""
	}
	return out[0]
}
