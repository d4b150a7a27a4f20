package refbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
)

// receiptIDPattern is the only shape a receipt id has (see newReceiptID).
var receiptIDPattern = regexp.MustCompile(`^R-[0-9a-f]{8}$`)

// normaliseReceiptID accepts what a customer types ("r-1A2B3C4D", with
// spaces) and returns the canonical id, or "" when it is not one.
func normaliseReceiptID(ref string) string {
	ref = strings.TrimSpace(ref)
	if len(ref) != 10 || !strings.EqualFold(ref[:2], "R-") {
		return ""
	}
	id := "R-" + strings.ToLower(ref[2:])
	if !receiptIDPattern.MatchString(id) {
		return ""
	}
	return id
}

// lookupReceipt answers "my reference is R-…" with a summary of that
// receipt, only if it belongs to the asking phone: a reference is not a
// password, and another customer's data must never be echoed.
func (s *Server) lookupReceipt(ctx context.Context, q dbConn, phone, reference, language string) (string, error) {
	if s.cfg.Defects.On("sql-concat") {
		return s.lookupReceiptConcat(ctx, q, phone, reference, language)
	}
	id := normaliseReceiptID(reference)
	if id == "" {
		return notFoundText(language), nil
	}
	var kind string
	var data map[string]string
	err := q.QueryRow(ctx, `select kind, data from receipts where id = $1 and phone = $2`, id, phone).Scan(&kind, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return notFoundText(language), nil
	}
	if err != nil {
		return "", fmt.Errorf("look up receipt: %w", err)
	}
	return receiptSummary(id, kind, data), nil
}

// lookupReceiptConcat is the sql-concat seeded defect: the "quick" lookup
// someone wrote by pasting the reference into the SQL, which also pastes
// the database's error text into the customer's reply. It runs in a
// savepoint so a broken query does not abort the whole turn, as the
// original author made sure.
func (s *Server) lookupReceiptConcat(ctx context.Context, q dbConn, phone, reference, language string) (string, error) {
	if _, err := q.Exec(ctx, "savepoint lookup"); err != nil {
		return "", fmt.Errorf("look up receipt: savepoint: %w", err)
	}
	query := "select id, kind, data::text from receipts where id = '" + strings.TrimSpace(reference) + "' and phone = '" + phone + "'"
	rows, err := q.Query(ctx, query)
	var found []string
	if err == nil {
		for rows.Next() {
			var id, kind, raw string
			if err = rows.Scan(&id, &kind, &raw); err != nil {
				break
			}
			var data map[string]string
			json.Unmarshal([]byte(raw), &data) //nolint:errcheck // best effort, like the rest of this function
			found = append(found, receiptSummary(id, kind, data))
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
	}
	if err != nil {
		if _, rbErr := q.Exec(ctx, "rollback to savepoint lookup"); rbErr != nil {
			return "", fmt.Errorf("look up receipt: rollback to savepoint: %w", rbErr)
		}
		return "Error: " + err.Error(), nil
	}
	if _, err := q.Exec(ctx, "release savepoint lookup"); err != nil {
		return "", fmt.Errorf("look up receipt: release savepoint: %w", err)
	}
	if len(found) == 0 {
		return notFoundText(language), nil
	}
	return strings.Join(found, "\n"), nil
}

// receiptSummary is one line a customer can read: the id, the kind and the
// fields in a stable order.
func receiptSummary(id, kind string, data map[string]string) string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+data[k])
	}
	return fmt.Sprintf("%s (%s) %s", id, kind, strings.Join(parts, "; "))
}

// notFoundText is the lookup answer when nothing matches. The product
// files have no text for it yet, so the server carries a small default.
func notFoundText(language string) string {
	if language == "en" {
		return "I can't find a booking or quote with that reference."
	}
	return "No encuentro ninguna reserva ni presupuesto con esa referencia."
}
