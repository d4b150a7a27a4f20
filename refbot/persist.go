package refbot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// recentReplies bounds the bot's last replies kept on the session for the
// engine's loop avoidance; the engine keeps its own few (6), this only
// stops a misbehaving engine from growing the row without end.
const recentReplies = 10

// turn is one engine step to persist: who it is about and where it came
// from.
type turn struct {
	key        string // the sessions row key
	phone      string // the customer: messages, transitions, consents, receipts rows
	businessID string // the business number to send replies from
	inboundID  int64  // the inbound messages row; 0 for turns not caused by a WhatsApp message
	before     lockedSession
}

// outbound is one reply as sent to the customer (unmasked; the database
// holds the masked copy).
type outbound struct {
	phone      string
	businessID string
	wamid      string
	body       string
}

// dbConn is what a turn needs of its connection, inside a transaction the
// caller opened: a pgx.Tx or a pooled connection both fit.
type dbConn interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// planTurn turns what the engine produced into the writes of the turn:
// events, the session, the phase path, the replies, the inbound row's
// completion and the NOTIFY that tells observers the turn is done. They
// come back as one batch for the caller to send inside its transaction (a
// single round trip); only lookups are read on the way, through q. It also
// returns the replies to send once the transaction commits.
func (s *Server) planTurn(ctx context.Context, q dbConn, t turn, res engine.Result) (*pgx.Batch, []outbound, engine.Session, error) {
	before := t.before.session
	after := res.Session
	after.Phone = t.key
	if after.State == "" {
		after.State, after.Phase = before.State, before.Phase
	}
	if after.Language == "" {
		after.Language = before.Language
	}

	batch := &pgx.Batch{}
	if t.before.created {
		batch.Queue(`insert into transitions (phone, from_state, to_state, from_phase, to_phase, intent) values ($1, '', $2, '', $3, 'session_start')`,
			t.phone, before.State, before.Phase)
	}

	var receiptID, lookupResult string
	for _, ev := range res.Events {
		switch ev.Kind {
		case engine.EventConsent:
			batch.Queue(`insert into consents (phone, granted, text_shown) values ($1, $2, $3)`, t.phone, ev.Granted, cleanText(ev.Text))
		case engine.EventOptOut:
			after.OptedOut = true
		case engine.EventOptIn:
			after.OptedOut = false
		case engine.EventHandoff:
			after.Handoff = true
		case engine.EventGDPRAccess:
			batch.Queue(`insert into gdpr_requests (phone, kind) values ($1, 'access')`, t.phone)
		case engine.EventGDPRErasure:
			// Personal data goes: message bodies before this request,
			// receipts, the session's collected data and remembered replies.
			// Consent records and payments stay (legal and accounting duty)
			// and hold no free text from the customer.
			batch.Queue(`insert into gdpr_requests (phone, kind) values ($1, 'erasure')`, t.phone)
			batch.Queue(`update messages set body = '' where phone = $1 and ($2::bigint = 0 or id < $2)`, t.phone, t.inboundID)
			batch.Queue(`delete from receipts where phone = $1`, t.phone)
			after.Data = map[string]string{}
			after.Recent = nil
		case engine.EventReceipt:
			receiptID = newReceiptID()
			kind := ev.ReceiptKind
			if kind == "" {
				kind = "booking"
			}
			batch.Queue(`insert into receipts (id, phone, kind, data) values ($1, $2, $3, $4)`, receiptID, t.phone, kind, s.maskFields(ev.Fields))
		case engine.EventLookup:
			var err error
			if lookupResult, err = s.lookupReceipt(ctx, q, t.phone, ev.Reference, after.Language); err != nil {
				return nil, nil, after, err
			}
		case engine.EventCheckoutStart:
			s.log.Info("checkout link sent", "phone", t.phone)
		}
	}

	send := !(before.OptedOut && after.OptedOut) || s.cfg.Defects.On("no-optout")
	var out []outbound
	if send {
		for _, reply := range res.Replies {
			body, err := s.fillPlaceholders(ctx, q, reply, t.phone, receiptID, lookupResult, after.Language)
			if err != nil {
				return nil, nil, after, err
			}
			if body = cleanText(body); strings.TrimSpace(body) == "" {
				continue
			}
			out = append(out, outbound{phone: t.phone, businessID: t.businessID, wamid: newOutboundWamid(), body: body})
		}
	}

	recent := after.Recent
	if len(recent) > recentReplies {
		recent = recent[len(recent)-recentReplies:]
	}
	maskedRecent := make([]string, len(recent))
	for i, r := range recent {
		maskedRecent[i] = s.mask(cleanText(r))
	}
	batch.Queue(`
update sessions set state = $2, phase = $3, language = $4, data = $5, opted_out = $6, handoff = $7,
       consent_at = case when $8 then coalesce(consent_at, clock_timestamp()) end,
       turn = $9, recent = $10, updated_at = clock_timestamp()
 where phone = $1`,
		t.key, after.State, after.Phase, after.Language, s.maskFields(after.Data), after.OptedOut, after.Handoff,
		after.Consented, after.Turn, maskedRecent)
	if after.State != before.State || after.Phase != before.Phase {
		intent := res.Intent
		if intent == "" {
			intent = "unknown"
		}
		batch.Queue(`insert into transitions (phone, from_state, to_state, from_phase, to_phase, intent) values ($1, $2, $3, $4, $5, $6)`,
			t.phone, before.State, after.State, before.Phase, after.Phase, intent)
	}
	for _, o := range out {
		batch.Queue(`insert into messages (phone, direction, wamid, type, body, state, phase) values ($1, 'out', $2, 'text', $3, $4, $5)`,
			o.phone, o.wamid, s.mask(o.body), after.State, after.Phase)
	}
	if t.inboundID != 0 {
		batch.Queue(`update messages set processed_at = clock_timestamp(), state = $2, phase = $3 where id = $1`, t.inboundID, after.State, after.Phase)
	}
	batch.Queue(`select pg_notify('refbot_outbound', $1)`, t.phone)
	return batch, out, after, nil
}

// fillPlaceholders replaces {receipt_url} and {lookup_result} in a reply.
func (s *Server) fillPlaceholders(ctx context.Context, q dbConn, reply, phone, receiptID, lookupResult, language string) (string, error) {
	if strings.Contains(reply, "{receipt_url}") {
		if receiptID == "" { // the reply refers to an earlier receipt
			err := q.QueryRow(ctx, `select id from receipts where phone = $1 order by created_at desc limit 1`, phone).Scan(&receiptID)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return "", fmt.Errorf("newest receipt: %w", err)
			}
		}
		url := s.cfg.PublicURL + "/receipt/"
		if receiptID != "" {
			url += receiptID
		}
		reply = strings.ReplaceAll(reply, "{receipt_url}", url)
	}
	if strings.Contains(reply, "{lookup_result}") {
		if lookupResult == "" {
			lookupResult = notFoundText(language)
		}
		reply = strings.ReplaceAll(reply, "{lookup_result}", lookupResult)
	}
	return reply, nil
}
