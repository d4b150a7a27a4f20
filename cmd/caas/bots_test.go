package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
)

// caasBots runs caas bots with args and returns its exit code, what it
// wrote on stdout, and the message run would print on stderr.
func caasBots(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out strings.Builder
	err := botsCommand(context.Background(), args, &out)
	var exit *exitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code, stderr = exit.code, exit.msg
	default:
		code, stderr = 1, err.Error()
	}
	return code, out.String(), stderr
}

// The two loose manifests of issue 10, as the bots package's broken
// testdata holds them: a range of every Spanish number, and a reset that
// deletes every other phone's rows. Each is refused, with its fix.
func TestCaasBotsRefusesAWideTestRangeAndAResetOfOtherPhonesNamingTheFix(t *testing.T) {
	dir := t.TempDir()
	for name, fix := range map[string]string{
		"phones_too_wide":    "test_phones.owned_reason",
		"reset_other_phones": "write delete from <table> where <phone column> = $1",
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "bots", "testdata", "broken", name+".yaml"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".yaml"), data, 0o644))
		t.Run(name, func(t *testing.T) {
			t.Setenv(bots.EnvDir, dir)
			code, stdout, stderr := caasBots(t)
			assert.Equal(t, 1, code, "stderr: %s", stderr)
			row := lineWith(stdout, name+" ")
			assert.Contains(t, row, "INVALID: ", "stdout:\n%s", stdout)
			assert.Contains(t, stdout, fix)
		})
	}
}

// lineWith is the first line of out that starts with prefix.
func lineWith(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// needServer skips without a PostgreSQL, as the suite would fail at once.
func needServer(t *testing.T) botclient.Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv, err := botclient.FindServer(ctx, botclient.ServerOptions{URL: os.Getenv("CAAS_DATABASE_URL")})
	if err != nil {
		t.Skip(err.Error())
	}
	return srv
}

func TestCaasBotsCheckRunsTheShippedBotsResetStatementsAndTheyTouchNothingElse(t *testing.T) {
	needServer(t)
	t.Setenv(bots.EnvDir, "")
	names, err := manifests().Names()
	require.NoError(t, err)
	code, stdout, stderr := caasBots(t, "-check")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr: %s", stdout, stderr)
	for _, n := range names {
		assert.Regexp(t, `(?m)^check `+n+`: observe\.reset_sql: \d+ statement\(s\), run for \d+ \(a test phone with no rows\) and rolled back, touched no row$`, stdout)
	}
}

// A bot of our own making, reached as a local target: its /health, and a
// database whose referrals table keeps the friend a customer referred in
// a column of its own. "delete from referrals where referred = $1" is
// shaped like a reset and names the phone, but the rows it picks are the
// referrers', other customers: -check runs it for a phone with no rows and
// counts what it touched. The same bot with only its honest statements
// passes.
func TestCaasBotsCheckRefusesAResetStatementThatTouchesAnotherPhonesRows(t *testing.T) {
	srv := needServer(t)
	dsn := scratchDatabase(t, srv, `
		create table sessions (phone text primary key, state text, phase text, language text, opted_out bool);
		create table messages (id bigserial primary key, phone text, body text);
		create table referrals (id bigserial primary key, phone text, referred text);
		-- a real customer (outside the test range) who referred every test phone
		insert into referrals (phone, referred) select '34699999999', '346000900' || lpad(i::text, 2, '0') from generate_series(0, 99) i;`)
	health := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(health.Close)
	for k, v := range map[string]string{
		"CAAS_CHECK_URL": health.URL, "CAAS_CHECK_DSN": dsn,
		"CAAS_TESTDATA_APP_SECRET": "app", "CAAS_TESTDATA_VERIFY_TOKEN": "verify", "CAAS_TESTDATA_STRIPE_SECRET": "whsec",
	} {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	t.Setenv(bots.EnvDir, dir)
	honest := []string{"delete from messages where phone = $1", "delete from sessions where phone = $1"}
	writeLocalBot(t, dir, "tidy", honest)
	writeLocalBot(t, dir, "leaky", append([]string{"delete from referrals where referred = $1"}, honest...))

	code, stdout, stderr := caasBots(t, "-check")
	assert.Equal(t, 1, code, "stderr: %s", stderr)
	assert.Regexp(t, `(?m)^check leaky: \S+leaky\.yaml:\d+: observe\.reset_sql\[0\]: touched 1 row\(s\) for 346000900\d\d, a test phone with no rows by the manifest's observe queries: they are other customers' rows; pick the rows by the column that holds the customer's own phone$`, stdout)
	assert.NotContains(t, stdout, "observe.reset_sql[1]", "the honest statements are not reported")
	assert.Regexp(t, `(?m)^check tidy: observe\.reset_sql: 2 statement\(s\), .* touched no row$`, stdout)
	assert.NotContains(t, stdout, dsn, "the DSN is a secret")

	conn := connect(t, dsn)
	var n int
	require.NoError(t, conn.QueryRow(context.Background(), "select count(*) from referrals").Scan(&n))
	assert.Equal(t, 100, n, "the check's transaction was not rolled back")
}

// writeLocalBot writes bots/testdata/valid/tiny.yaml as a local target
// named name, reached at $CAAS_CHECK_URL with its database at
// $CAAS_CHECK_DSN, reset by the given statements.
func writeLocalBot(t *testing.T, dir, name string, reset []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "bots", "testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	text := string(data)
	var quoted []string
	for _, s := range reset {
		quoted = append(quoted, fmt.Sprintf("%q", s))
	}
	for old, repl := range map[string]string{
		"name: tiny": "name: " + name,
		"  kind: embedded\n  product: voyachat\n": "  kind: local\n  url: ${CAAS_CHECK_URL}\n  database_url: ${CAAS_CHECK_DSN}\n",
		"  reset_sql: [delete from sessions where phone = $1]": "  reset_sql: [" + strings.Join(quoted, ", ") + "]\n" +
			"  personal_data_sql: select body from messages where phone = $1 union all select referred from referrals where phone = $1",
	} {
		require.Contains(t, text, old, "tiny.yaml changed; this test rewrites it")
		text = strings.Replace(text, old, repl, 1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(text), 0o644))
}

// scratchDatabase creates a database holding schema on srv, dropped when
// the test ends, and returns its DSN.
func scratchDatabase(t *testing.T, srv botclient.Server, schema string) string {
	t.Helper()
	ctx := context.Background()
	admin := connect(t, srv.DSN)
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "caas_botscheck_" + hex.EncodeToString(suffix)
	_, err := admin.Exec(ctx, "create database "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := admin.Exec(context.Background(), "drop database if exists "+name+" with (force)")
		assert.NoError(t, err)
	})
	dsn := withDatabase(srv.DSN, name)
	conn := connect(t, dsn)
	_, err = conn.Exec(ctx, schema)
	require.NoError(t, err)
	return dsn
}

// withDatabase is dsn (a URL or key=value DSN) pointed at database name.
func withDatabase(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn + " dbname=" + name
	}
	u.Path = "/" + name
	return u.String()
}

// connect opens a connection closed when the test ends.
func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func TestCaasBotsHelpNamesTheCheckAndItsTwin(t *testing.T) {
	stderr := captureStderr(t, func() {
		assert.Equal(t, 0, run(context.Background(), []string{"bots", "-h"}))
	})
	assert.Contains(t, stderr, "-check")
	assert.Contains(t, stderr, envBotsCheck)
}
