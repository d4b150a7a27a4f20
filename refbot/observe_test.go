package refbot_test

import (
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// What the tests read from the bot's database: the same tables an
// operator (and the framework's manifest SQL) reads.

type storedMessage struct {
	ID        int64
	Direction string
	Wamid     string
	Type      string
	Body      string
	State     string
	Processed bool
}

// messagesOf returns every message row of phone, in order.
func messagesOf(t testing.TB, phone string) []storedMessage {
	t.Helper()
	rows, err := testDB.pool.Query(ctxFor(t), `
select id, direction, coalesce(wamid, ''), type, body, coalesce(state, ''), processed_at is not null
  from messages where phone = $1 order by id`, phone)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storedMessage, error) {
		var m storedMessage
		err := r.Scan(&m.ID, &m.Direction, &m.Wamid, &m.Type, &m.Body, &m.State, &m.Processed)
		return m, err
	})
	require.NoError(t, err)
	return out
}

// repliesTo returns the bodies of the bot's replies to phone, in order.
func repliesTo(t testing.TB, phone string) []string {
	t.Helper()
	var out []string
	for _, m := range messagesOf(t, phone) {
		if m.Direction == "out" {
			out = append(out, m.Body)
		}
	}
	return out
}

func inboundOf(t testing.TB, phone string) []storedMessage {
	t.Helper()
	var out []storedMessage
	for _, m := range messagesOf(t, phone) {
		if m.Direction == "in" {
			out = append(out, m)
		}
	}
	return out
}

type storedSession struct {
	State, Phase, Language, Data, BusinessID string
	Turn                                     int
	OptedOut                                 bool
}

// sessionOf returns phone's session row; ok is false when there is none.
func sessionOf(t testing.TB, phone string) (s storedSession, ok bool) {
	t.Helper()
	err := testDB.pool.QueryRow(ctxFor(t), `
select state, phase, language, data::text, business_phone_id, turn, opted_out from sessions where phone = $1`, phone).
		Scan(&s.State, &s.Phase, &s.Language, &s.Data, &s.BusinessID, &s.Turn, &s.OptedOut)
	if err == pgx.ErrNoRows {
		return s, false
	}
	require.NoError(t, err)
	return s, true
}

func mustSession(t testing.TB, phone string) storedSession {
	t.Helper()
	s, ok := sessionOf(t, phone)
	require.True(t, ok, "phone %s has no session", phone)
	return s
}

// countRows runs a count(*) query.
func countRows(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, testDB.pool.QueryRow(ctxFor(t), query, args...).Scan(&n), query)
	return n
}

// exec runs a statement on the bot's database (arranging a test).
func exec(t testing.TB, query string, args ...any) {
	t.Helper()
	_, err := testDB.pool.Exec(ctxFor(t), query, args...)
	require.NoError(t, err, query)
}
