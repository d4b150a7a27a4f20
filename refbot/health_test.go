package refbot_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type healthBody struct {
	Status, Product, Version, DB string
}

func decodeHealth(t testing.TB, r response) healthBody {
	t.Helper()
	var h healthBody
	require.NoError(t, json.Unmarshal([]byte(r.body), &h), "health body %q", r.body)
	return h
}

func TestHealth(t *testing.T) {
	t.Parallel()
	t.Run("reports ok with the product, a version and a live database", func(t *testing.T) {
		t.Parallel()
		b := startBot(t, withProduct("cambialeon"))
		r := b.get(t, "/health")
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Equal(t, "application/json", r.header.Get("Content-Type"))
		h := decodeHealth(t, r)
		assert.Equal(t, "ok", h.Status)
		assert.Equal(t, "cambialeon", h.Product)
		assert.True(t, strings.HasPrefix(h.Version, "refbot/"), "version %q", h.Version)
		assert.Equal(t, "ok", h.DB)
	})
	t.Run("reports the database down with 503 and no DSN, then recovers", func(t *testing.T) {
		t.Parallel()
		proxy := startDBProxy(t)
		b := startBot(t, withDatabaseURL(proxy.dsn()))
		require.Equal(t, http.StatusOK, b.get(t, "/health").code)

		proxy.cut()
		r := b.get(t, "/health")
		require.Equal(t, http.StatusServiceUnavailable, r.code, r.body)
		h := decodeHealth(t, r)
		assert.True(t, strings.HasPrefix(h.DB, "down: "), "db %q", h.DB)
		for _, secret := range []string{proxy.addr, "postgres", "refbot_test", b.cfg.AppSecret} {
			assert.NotContains(t, r.body, secret, "health leaks a connection detail or secret")
		}

		proxy.restore(t)
		r = b.get(t, "/health")
		assert.Equal(t, http.StatusOK, r.code, "after the database came back: %s", r.body)
	})
}
