package refbot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// turnTimeout bounds one message's transaction, so a stuck database turns
// into a 503 (and a redelivery) instead of a hung webhook.
const turnTimeout = 10 * time.Second

// handleMessage processes one inbound WhatsApp message in one transaction:
// lock (or start) the session, store the inbound row (a redelivered wamid
// stops here), run the engine, persist what it produced, commit, then hand
// the replies to the Graph sender. Returns whether it was a duplicate.
func (s *Server) handleMessage(ctx context.Context, m inboundMessage) (duplicate bool, err error) {
	if err := s.checkMedia(m.waMessage); err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, turnTimeout)
	defer cancel()

	key := m.phone
	if s.cfg.Defects.On("session-crosstalk") && m.businessID != "" {
		// Seeded defect session-crosstalk: the session is looked up by the
		// number that received the message, not the customer who sent it,
		// so every customer of that business number shares one session.
		key = m.businessID
	}
	in := toInbound(m.waMessage)

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return false, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit

	state, phase := s.product.Initial()
	locked, err := s.sessions.lockOrCreate(ctx, tx, key, s.cfg.Product, m.businessID, state, phase)
	if err != nil {
		return false, err
	}
	// Inserted under the session lock, so a phone's rows are in the order
	// its messages were handled.
	var inboundID int64
	err = tx.QueryRow(ctx, `
insert into messages (phone, direction, wamid, type, body) values ($1, 'in', $2, $3, $4)
on conflict (wamid) where direction = 'in' do nothing
returning id`, m.phone, m.ID, m.Type, s.mask(in.Text)).Scan(&inboundID)
	duplicate = errors.Is(err, pgx.ErrNoRows)
	if err != nil && !duplicate {
		return false, fmt.Errorf("store inbound: %w", err)
	}
	if duplicate && !s.cfg.Defects.On("duplicate-reply") {
		return true, tx.Commit(ctx)
	}
	// Seeded defect duplicate-reply: the insert's "nothing inserted" answer
	// is not looked at, so a redelivery runs the turn again.

	res := s.product.Step(locked.session, in, s.cfg.Defects)
	businessID := m.businessID
	if businessID == "" {
		businessID = locked.businessID
	}
	out, after, err := s.persistTurn(ctx, tx, turn{key: key, phone: m.phone, businessID: businessID, inboundID: inboundID, before: locked}, res)
	if err != nil {
		return false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return false, fmt.Errorf("commit: %w", err)
	}
	s.sessions.remember(after)
	s.sendReplies(out)
	return duplicate, nil
}
