package refbot_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xssName is customer-supplied text that runs script when echoed raw.
const xssName = `<script>alert("xss")</script><img src=x onerror=alert(1)>`

// storeReceipt arranges a receipt the way the bot stores one (customer
// fields as jsonb) and returns its id.
func storeReceipt(t testing.TB, phone, kind string, fields map[string]string) string {
	t.Helper()
	id := "R-" + randomHex(4)
	exec(t, `insert into receipts (id, phone, kind, data) values ($1, $2, $3, $4)`, id, phone, kind, fields)
	return id
}

func TestReceiptPage(t *testing.T) {
	t.Parallel()
	b := startBot(t)

	t.Run("shows the customer's fields, escaped, with security headers", func(t *testing.T) {
		id := storeReceipt(t, newPhone(), "booking", map[string]string{"name": xssName, "destination": "Lisboa & Oporto", "dates": "3–10 mayo"})
		r := b.get(t, "/receipt/"+id)
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Contains(t, r.body, id)
		assert.Contains(t, r.body, "Lisboa &amp; Oporto")
		assert.Contains(t, r.body, "&lt;script&gt;", "the name is shown, escaped")
		assert.NotContains(t, r.body, "<script>")
		assert.NotContains(t, r.body, "<img src=x")
		assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
		assert.Equal(t, "default-src 'none'; style-src 'unsafe-inline'", r.header.Get("Content-Security-Policy"))
		assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
		assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
		assert.Equal(t, "no-referrer", r.header.Get("Referrer-Policy"))
		assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	})

	t.Run("renders a quote receipt", func(t *testing.T) {
		id := storeReceipt(t, newPhone(), "quote", map[string]string{"name": "Carmen López", "address": "Calle Mayor 1, Madrid", "offer": "Tarifa Fija 24h"})
		r := b.get(t, "/receipt/"+id)
		require.Equal(t, http.StatusOK, r.code)
		assert.Contains(t, r.body, "Tarifa Fija 24h")
	})

	notFound := []struct{ name, path string }{
		{"an unknown id", "/receipt/R-00000000"},
		{"an id of the wrong shape", "/receipt/R-1234"},
		{"an SQL-ish id", "/receipt/R-1'%20or%20'1'='1"},
		{"a path-traversal id", "/receipt/..%2f..%2fetc%2fpasswd"},
	}
	for _, c := range notFound {
		t.Run("answers 404 with a plain page to "+c.name, func(t *testing.T) {
			r := b.get(t, c.path)
			assert.Equal(t, http.StatusNotFound, r.code)
			for _, leak := range []string{"select", "SQLSTATE", "pgx", ".go", "goroutine", "postgres"} {
				assert.NotContains(t, r.body, leak)
			}
			assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"), "security headers on errors too")
		})
	}
}
