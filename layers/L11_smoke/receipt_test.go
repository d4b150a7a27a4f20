package l11smoke_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// internals are what an error page must never show a customer: stack
// traces, driver and SQL errors, source paths.
var internals = []string{"panic", "goroutine", "runtime/", ".go:", "pgx", "pgconn", "SQLSTATE", "sql:", "syntax error", "/home/", "/root/", "/work/", "stack"}

func TestTheReceiptPageAnswers404ForAnUnknownIDWithoutLeakingInternals(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	receipt := tg.Endpoint(t, "receipt") // skips a bot with no receipt page
	for _, c := range []struct {
		id       string
		statuses []int
	}{
		{"R-00000000", []int{http.StatusNotFound}},
		{"R-ffffffff", []int{http.StatusNotFound}},
		// Malformed ids may also be a plain 400.
		{"not-a-receipt", []int{http.StatusNotFound, http.StatusBadRequest}},
		{"R-1' OR '1'='1", []int{http.StatusNotFound, http.StatusBadRequest}},
		{strings.Repeat("9", 300), []int{http.StatusNotFound, http.StatusBadRequest}},
	} {
		path := strings.Replace(receipt, "{id}", url.PathEscape(c.id), 1)
		resp := tg.Get(t, path)
		assert.Contains(t, c.statuses, resp.Status, "GET %s (no such receipt) answered %s", path, resp)
		lower := strings.ToLower(resp.Body)
		for _, leak := range internals {
			assert.NotContains(t, lower, strings.ToLower(leak), "GET %s answered %s, which shows the bot's internals (%q)", path, resp, leak)
		}
		for _, secret := range tg.M.SecretValues() {
			assert.NotContains(t, resp.Body, secret, "GET %s quotes one of the bot's secrets", path)
		}
	}
}
