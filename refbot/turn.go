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
//
// The transaction is driven by hand in two pipelined batches, "begin + lock
// + store inbound" and "writes + notify + commit": two round trips per
// message instead of one per statement, which is what lets two cores answer
// hundreds of webhooks a second (BenchmarkSignedWebhookToReply).
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

	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("acquire connection: %w", err)
	}
	// A connection released inside a transaction (an error, a timeout) is
	// closed by the pool, which rolls the transaction back; the explicit
	// rollback just keeps the connection when the database is still there.
	defer conn.Release()
	open := false
	defer func() {
		if open {
			rollbackCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			conn.Exec(rollbackCtx, "rollback") //nolint:errcheck // see above
		}
	}()

	state, phase := s.product.Initial()
	var locked lockedSession
	var inboundID int64
	first := &pgx.Batch{}
	first.Queue("begin")
	s.sessions.queueLockOrCreate(first, &locked, key, s.cfg.Product, m.businessID, state, phase)
	// Inserted under the session lock, so a phone's rows are in the order
	// its messages were handled.
	first.Queue(`
insert into messages (phone, direction, wamid, type, body) values ($1, 'in', $2, $3, $4)
on conflict (wamid) where direction = 'in' do nothing
returning id`, m.phone, m.ID, truncate(m.Type, 64), s.mask(in.Text)).QueryRow(func(row pgx.Row) error {
		err := row.Scan(&inboundID)
		if errors.Is(err, pgx.ErrNoRows) {
			duplicate = true
			return nil
		}
		return err
	})
	open = true
	if err := conn.SendBatch(ctx, first).Close(); err != nil {
		return false, fmt.Errorf("lock session and store inbound: %w", err)
	}
	if duplicate && !s.cfg.Defects.On("duplicate-reply") {
		return true, nil // the deferred rollback undoes the lock's no-op update
	}
	// Seeded defect duplicate-reply: the insert's "nothing inserted" answer
	// is not looked at, so a redelivery runs the turn again.

	res := s.product.Step(locked.session, in, s.cfg.Defects)
	businessID := m.businessID
	if businessID == "" {
		businessID = locked.businessID
	}
	writes, out, after, err := s.planTurn(ctx, conn, turn{key: key, phone: m.phone, businessID: businessID, inboundID: inboundID, before: locked}, res)
	if err != nil {
		return false, err
	}
	writes.Queue("commit")
	if err := conn.SendBatch(ctx, writes).Close(); err != nil {
		return false, fmt.Errorf("persist turn: %w", err)
	}
	open = false
	s.sessions.remember(after)
	s.sendReplies(out)
	return duplicate, nil
}
