package refbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// maxStripeBody is generous for a Checkout event (a few KiB).
const maxStripeBody = 1 << 20

type stripeEvent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		Object json.RawMessage `json:"object"`
	} `json:"data"`
}

type checkoutSession struct {
	ID                string            `json:"id"`
	AmountTotal       int64             `json:"amount_total"`
	Currency          string            `json:"currency"`
	PaymentStatus     string            `json:"payment_status"`
	ClientReferenceID string            `json:"client_reference_id"`
	Metadata          map[string]string `json:"metadata"`
}

// handleStripe receives a Stripe webhook: signature first (400 and nothing
// recorded when it fails), then the event, idempotent by event id in the
// same transaction as its effects.
func (s *Server) handleStripe(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxStripeBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read body", http.StatusBadRequest)
		return
	}
	err = verifyStripeSignature(body, r.Header.Get("Stripe-Signature"), s.cfg.StripeSecret, time.Now(), s.cfg.Defects.On("stripe-replay"))
	if err != nil {
		http.Error(w, "invalid Stripe-Signature: "+err.Error(), http.StatusBadRequest)
		return
	}
	var ev stripeEvent
	if err := json.Unmarshal(body, &ev); err != nil || ev.ID == "" || ev.Type == "" {
		http.Error(w, "not a Stripe event", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), turnTimeout)
	defer cancel()
	out, err := s.handleStripeEvent(ctx, ev)
	if errors.Is(err, errBadPayload) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		code := http.StatusInternalServerError
		if dbUnavailable(err) {
			code = http.StatusServiceUnavailable
		}
		s.log.Error("stripe event failed", "event", ev.ID, "type", ev.Type, "err", err)
		http.Error(w, http.StatusText(code), code)
		return
	}
	s.sendReplies(out)
	w.WriteHeader(http.StatusOK)
}

// handleStripeEvent records the event id and, for a paid checkout, the
// payment and the session's step forward, all in one transaction.
func (s *Server) handleStripeEvent(ctx context.Context, ev stripeEvent) ([]outbound, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit

	tag, err := tx.Exec(ctx, `insert into stripe_events (event_id, type) values ($1, $2) on conflict do nothing`, ev.ID, ev.Type)
	if err != nil {
		return nil, fmt.Errorf("record event: %w", err)
	}
	// Seeded defect stripe-duplicate: the "already seen" answer is ignored
	// and the event is fulfilled again.
	if tag.RowsAffected() == 0 && !s.cfg.Defects.On("stripe-duplicate") {
		return nil, tx.Commit(ctx)
	}
	var out []outbound
	var after *engine.Session
	switch ev.Type {
	case "checkout.session.completed", "checkout.session.async_payment_succeeded":
		if out, after, err = s.fulfilCheckout(ctx, tx, ev); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	if after != nil {
		s.sessions.remember(*after)
	}
	return out, nil
}

// fulfilCheckout records a paid Checkout Session and moves the customer's
// session on with the engine's PaymentCompleted.
// The session after the turn is returned when there was one.
func (s *Server) fulfilCheckout(ctx context.Context, tx pgx.Tx, ev stripeEvent) ([]outbound, *engine.Session, error) {
	var cs checkoutSession
	if err := json.Unmarshal(ev.Data.Object, &cs); err != nil {
		return nil, nil, fmt.Errorf("%w: data.object is not a checkout session", errBadPayload)
	}
	if cs.PaymentStatus != "paid" {
		return nil, nil, nil // unpaid (async methods) or nothing to pay: wait for the success event
	}
	if !s.cfg.Defects.On("stripe-duplicate") && cs.ID != "" {
		// Separate events can refer to one Checkout Session (completed,
		// then async_payment_succeeded): fulfil it once.
		var seen bool
		if err := tx.QueryRow(ctx, `select exists (select 1 from payments where checkout_id = $1)`, cs.ID).Scan(&seen); err != nil {
			return nil, nil, fmt.Errorf("check checkout: %w", err)
		}
		if seen {
			return nil, nil, nil
		}
	}
	phone := checkoutPhone(cs)
	var phoneArg any
	if phone != "" {
		phoneArg = phone
	}
	if _, err := tx.Exec(ctx, `insert into payments (event_id, phone, checkout_id, amount, currency, status) values ($1, $2, $3, $4, $5, $6)`,
		ev.ID, phoneArg, cs.ID, cs.AmountTotal, strings.ToLower(cs.Currency), cs.PaymentStatus); err != nil {
		return nil, nil, fmt.Errorf("record payment: %w", err)
	}
	if phone == "" {
		s.log.Warn("paid checkout names no WhatsApp customer", "event", ev.ID, "checkout", cs.ID)
		return nil, nil, nil
	}
	locked, found, err := s.sessions.lockExisting(ctx, tx, phone)
	if err != nil {
		return nil, nil, err
	}
	if !found {
		s.log.Warn("paid checkout for a phone without a session", "event", ev.ID, "phone", phone)
		return nil, nil, nil
	}
	res := s.product.PaymentCompleted(locked.session, s.cfg.Defects)
	writes, out, after, err := s.planTurn(ctx, tx, turn{key: phone, phone: phone, businessID: locked.businessID, before: locked}, res)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.SendBatch(ctx, writes).Close(); err != nil {
		return nil, nil, fmt.Errorf("persist payment turn: %w", err)
	}
	return out, &after, nil
}

// checkoutPhone is the customer's wa_id from client_reference_id
// ("wa:<phone>") or metadata.wa_id.
func checkoutPhone(cs checkoutSession) string {
	if ref, ok := strings.CutPrefix(cs.ClientReferenceID, "wa:"); ok {
		if phone := normalisePhone(ref); phone != "" {
			return phone
		}
	}
	return normalisePhone(cs.Metadata["wa_id"])
}
