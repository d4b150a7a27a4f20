package bots_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refbotSchema opens a fresh database holding the reference bot's schema,
// applied from its migration files (read as files: the manifests describe
// that schema, so their SQL is checked against the real thing, and this
// package still imports nothing of the bot). Skips without a PostgreSQL.
func refbotSchema(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := os.Getenv("CAAS_DATABASE_URL")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Skipf("no PostgreSQL to check the observe SQL against (set CAAS_DATABASE_URL, or start one on 127.0.0.1:5432): %v", err)
	}
	t.Cleanup(func() { _ = admin.Close(context.Background()) })

	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "bots_observe_" + hex.EncodeToString(suffix)
	_, err = admin.Exec(ctx, "create database "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.Exec(context.Background(), "drop database if exists "+name+" with (force)")
		assert.NoError(t, err)
	})
	cfg, err := pgx.ParseConfig(dsn)
	require.NoError(t, err)
	cfg.Database = name
	conn, err := pgx.ConnectConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })

	migrations, err := filepath.Glob(filepath.Join("..", "refbot", "migrations", "*.sql"))
	require.NoError(t, err)
	require.NotEmpty(t, migrations, "the reference bot's migrations are not where this test expects them")
	sort.Strings(migrations)
	for _, f := range migrations {
		sql, err := os.ReadFile(f)
		require.NoError(t, err)
		_, err = conn.Exec(ctx, string(sql))
		require.NoError(t, err, "applying %s", f)
	}
	return conn
}

func TestTheObserveSQLFitsTheReferenceBotsSchema(t *testing.T) {
	conn := refbotSchema(t)
	ctx := context.Background()
	for _, name := range []string{"voyachat", "cambialeon"} {
		m := load(t, name)
		o := m.Observe
		queries := []struct {
			field, sql string
			columns    int
		}{
			{"replies_sql", o.RepliesSQL, 2},
			{"inbound_sql", o.InboundSQL, 2},
			{"turn_done_sql", o.TurnDoneSQL, 1},
			{"session_sql", o.SessionSQL, 4},
			{"session_data_sql", o.SessionDataSQL, 1},
			{"phases_sql", o.PhasesSQL, 1},
			{"consent_sql", o.ConsentSQL, 2},
			{"payments_sql", o.PaymentsSQL, 4},
			{"receipt_sql", o.ReceiptSQL, 1},
			{"personal_data_sql", o.PersonalDataSQL, 1},
		}
		for _, q := range queries {
			t.Run(name+"/"+q.field, func(t *testing.T) {
				if q.sql == "" {
					t.Skipf("%s has no observe.%s", m.File(), q.field)
				}
				sd, err := conn.Prepare(ctx, "", q.sql)
				require.NoError(t, err, "%s: observe.%s does not run on the refbot schema", m.File(), q.field)
				assert.Len(t, sd.Fields, q.columns, "%s: observe.%s returns the wrong number of columns", m.File(), q.field)
			})
		}
		for i, stmt := range o.ResetSQL {
			_, err := conn.Prepare(ctx, "", stmt)
			assert.NoError(t, err, "%s: observe.reset_sql[%d]", m.File(), i)
		}
	}
}

// seed writes one row of everything the bot stores for phone, with name
// standing for the customer's personal data.
func seed(t *testing.T, conn *pgx.Conn, phone, name string) {
	t.Helper()
	ctx := context.Background()
	for _, stmt := range []string{
		`insert into sessions (phone, product, state, phase, data) values ($1, 'voyachat', 'trip_name', 'trip_details', jsonb_build_object('name', $2::text))`,
		`insert into messages (phone, direction, wamid, type, body, processed_at) values ($1, 'in', 'wamid.' || $1, 'text', $2, now())`,
		`insert into messages (phone, direction, type, body) values ($1, 'out', 'text', 'Gracias, ' || $2)`,
		`insert into transitions (phone, from_state, to_state, from_phase, to_phase, intent) values ($1, 'greeting', 'consent_ask', 'greeting', 'consent', 'hello' || left($2, 0))`,
		`insert into consents (phone, granted, text_shown) values ($1, true, 'Guardamos tus datos 24 meses' || left($2, 0))`,
		`insert into payments (event_id, phone, amount, currency, status) values ('evt_' || $1, $1, 12000, 'eur', 'paid' || left($2, 0))`,
		`insert into receipts (id, phone, kind, data) values ('R-' || $1, $1, 'booking', jsonb_build_object('name', $2::text))`,
		`insert into gdpr_requests (phone, kind) values ($1, 'access' || left($2, 0))`,
	} {
		_, err := conn.Exec(ctx, stmt, phone, name)
		require.NoError(t, err, "seeding: %s", stmt)
	}
}

func TestTheObserveSQLReadsOnePhoneAndResetsOnlyThatPhone(t *testing.T) {
	conn := refbotSchema(t)
	ctx := context.Background()
	m := load(t, "voyachat")
	const phone, neighbour = "34600090001", "34600090002"
	seed(t, conn, phone, "María García")
	seed(t, conn, neighbour, "Juan Pérez")

	var state, phase, lang string
	var optedOut bool
	require.NoError(t, conn.QueryRow(ctx, m.Observe.SessionSQL, phone).Scan(&state, &phase, &lang, &optedOut))
	assert.Equal(t, []any{"trip_name", "trip_details", "es", false}, []any{state, phase, lang, optedOut})

	var done bool
	require.NoError(t, conn.QueryRow(ctx, m.Observe.TurnDoneSQL, phone, "wamid."+phone).Scan(&done))
	assert.True(t, done, "the seeded inbound message is processed")
	require.NoError(t, conn.QueryRow(ctx, m.Observe.TurnDoneSQL, phone, "wamid.unknown").Scan(&done))
	assert.False(t, done, "an unknown message id is not done")

	replies := texts(t, conn, m.Observe.RepliesSQL, phone, int64(0))
	assert.Equal(t, []string{"Gracias, María García"}, replies, "replies_sql returns this phone's outbound messages only")

	personal := texts(t, conn, m.Observe.PersonalDataSQL, phone)
	joined := ""
	for _, p := range personal {
		joined += p + "\n"
	}
	assert.Contains(t, joined, "María García")
	assert.NotContains(t, joined, "Juan Pérez", "personal_data_sql must not read another phone's data")

	for _, stmt := range m.Observe.ResetSQL {
		_, err := conn.Exec(ctx, stmt, phone)
		require.NoError(t, err, stmt)
	}
	seeded := map[string]int{"sessions": 1, "messages": 2, "transitions": 1, "consents": 1, "payments": 1, "receipts": 1, "gdpr_requests": 1}
	for table, rows := range seeded {
		var mine, theirs int
		require.NoError(t, conn.QueryRow(ctx, "select count(*) filter (where phone = $1), count(*) filter (where phone = $2) from "+table, phone, neighbour).Scan(&mine, &theirs))
		assert.Zero(t, mine, "reset_sql left rows of the phone in %s", table)
		assert.Equal(t, rows, theirs, "reset_sql touched another phone's rows in %s", table)
	}
}

func texts(t *testing.T, conn *pgx.Conn, sql string, args ...any) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql, args...)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals, err := rows.Values()
		require.NoError(t, err)
		out = append(out, vals[len(vals)-1].(string))
	}
	require.NoError(t, rows.Err())
	return out
}
