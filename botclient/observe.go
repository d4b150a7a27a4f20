package botclient

import (
	"context"
	"errors"
	"fmt"

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

// ErrNotObservable is returned when the manifest gives no query for what is asked.
var ErrNotObservable = errors.New("the manifest gives no query for this")

func (tg *Target) need(field, query string) error {
	if query == "" {
		return fmt.Errorf("%s: observe.%s is not set in %s, so this cannot be checked: %w", tg.M.Name, field, tg.M.Path, ErrNotObservable)
	}
	return nil
}

// Cursor is the id of the phone's newest reply (0 when none): replies after
// it are new.
func (tg *Target) Cursor(ctx context.Context, phone string) (int64, error) {
	replies, err := tg.RepliesSince(ctx, phone, 0)
	if err != nil || len(replies) == 0 {
		return 0, err
	}
	return replies[len(replies)-1].ID, nil
}

// RepliesSince returns the bot's replies to phone after cursor, oldest first.
func (tg *Target) RepliesSince(ctx context.Context, phone string, cursor int64) ([]Reply, error) {
	return tg.rowsIDBody(ctx, "replies_sql", tg.M.Observe.RepliesSQL, phone, cursor)
}

// Inbound returns the customer's messages as the bot stored them.
func (tg *Target) Inbound(ctx context.Context, phone string) ([]Reply, error) {
	if err := tg.need("inbound_sql", tg.M.Observe.InboundSQL); err != nil {
		return nil, err
	}
	return tg.rowsIDBody(ctx, "inbound_sql", tg.M.Observe.InboundSQL, phone, int64(0))
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

// Session reads the phone's session (Exists false when there is none).
func (tg *Target) Session(ctx context.Context, phone string) (Session, error) {
	var s Session
	err := tg.DB.QueryRow(ctx, tg.M.Observe.SessionSQL, phone).Scan(&s.State, &s.Phase, &s.Language, &s.OptedOut)
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}, nil
	}
	if err != nil {
		return s, fmt.Errorf("%s: observe.session_sql must return (state, phase, language text, opted_out bool): %w", tg.M.Path, err)
	}
	s.Exists = true
	return s, nil
}

// SessionData returns the session's stored customer data as text.
func (tg *Target) SessionData(ctx context.Context, phone string) (string, error) {
	if err := tg.need("session_data_sql", tg.M.Observe.SessionDataSQL); err != nil {
		return "", err
	}
	out, err := tg.texts(ctx, "session_data_sql", tg.M.Observe.SessionDataSQL, phone)
	if err != nil || len(out) == 0 {
		return "", err
	}
	return out[0], nil
}

// PhasePath returns the phases the session went through, oldest first.
func (tg *Target) PhasePath(ctx context.Context, phone string) ([]string, error) {
	if err := tg.need("phases_sql", tg.M.Observe.PhasesSQL); err != nil {
		return nil, err
	}
	return tg.texts(ctx, "phases_sql", tg.M.Observe.PhasesSQL, phone)
}

// PersonalData returns every stored text that may hold the phone's personal data.
func (tg *Target) PersonalData(ctx context.Context, phone string) ([]string, error) {
	if err := tg.need("personal_data_sql", tg.M.Observe.PersonalDataSQL); err != nil {
		return nil, err
	}
	return tg.texts(ctx, "personal_data_sql", tg.M.Observe.PersonalDataSQL, phone)
}

// ReceiptID returns the id of the phone's newest receipt ("" when none).
func (tg *Target) ReceiptID(ctx context.Context, phone string) (string, error) {
	if err := tg.need("receipt_sql", tg.M.Observe.ReceiptSQL); err != nil {
		return "", err
	}
	ids, err := tg.texts(ctx, "receipt_sql", tg.M.Observe.ReceiptSQL, phone)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// Payments returns the payments recorded for phone.
func (tg *Target) Payments(ctx context.Context, phone string) ([]Payment, error) {
	if err := tg.need("payments_sql", tg.M.Observe.PaymentsSQL); err != nil {
		return nil, err
	}
	rows, err := tg.DB.Query(ctx, tg.M.Observe.PaymentsSQL, phone)
	if err != nil {
		return nil, fmt.Errorf("%s: observe.payments_sql: %w", tg.M.Path, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Payment, error) {
		var p Payment
		err := row.Scan(&p.EventID, &p.Amount, &p.Currency, &p.Status)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: observe.payments_sql must return (event_id, amount, currency, status): %w", tg.M.Path, err)
	}
	return out, nil
}

// Consents returns the phone's consent answers, oldest first.
func (tg *Target) Consents(ctx context.Context, phone string) ([]Consent, error) {
	if err := tg.need("consent_sql", tg.M.Observe.ConsentSQL); err != nil {
		return nil, err
	}
	rows, err := tg.DB.Query(ctx, tg.M.Observe.ConsentSQL, phone)
	if err != nil {
		return nil, fmt.Errorf("%s: observe.consent_sql: %w", tg.M.Path, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Consent, error) {
		var c Consent
		err := row.Scan(&c.Granted, &c.Text)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: observe.consent_sql must return (granted bool, text_shown text): %w", tg.M.Path, err)
	}
	return out, nil
}

func (tg *Target) texts(ctx context.Context, field, query string, args ...any) ([]string, error) {
	rows, err := tg.DB.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: observe.%s: %w", tg.M.Path, field, err)
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
		return nil, fmt.Errorf("%s: observe.%s must return one text column: %w", tg.M.Path, field, err)
	}
	return out, nil
}
