package refbot_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// graphCapture is a fake Graph API that records send-message requests.
type graphCapture struct {
	srv      *httptest.Server
	requests chan capturedSend
	failures atomic.Int32 // answer 500 to this many requests first
}

type capturedSend struct {
	Path, Auth string
	Body       map[string]any
}

func startGraphCapture(t testing.TB) *graphCapture {
	t.Helper()
	g := &graphCapture{requests: make(chan capturedSend, 64)}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		json.Unmarshal(raw, &body) //nolint:errcheck // a bad body shows up as a nil map in the assertions
		g.requests <- capturedSend{Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body}
		if g.failures.Add(-1) >= 0 {
			http.Error(w, `{"error":{"message":"temporarily unavailable","code":2}}`, http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"messaging_product":"whatsapp","messages":[{"id":"wamid.graph"}]}`) //nolint:errcheck
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *graphCapture) next(t testing.TB) capturedSend {
	t.Helper()
	select {
	case r := <-g.requests:
		return r
	case <-ctxFor(t).Done():
		t.Fatal("no Graph API request arrived")
		return capturedSend{}
	}
}

func TestGraphAPISends(t *testing.T) {
	t.Parallel()

	t.Run("each reply is POSTed in the Cloud API text format with the bearer token", func(t *testing.T) {
		t.Parallel()
		g := startGraphCapture(t)
		b := startBot(t, withGraph(g.srv.URL+"/v23.0"))
		phone := newPhone()
		b.sendText(t, phone, "hola")
		replies := repliesTo(t, phone)
		require.NotEmpty(t, replies)
		got := g.next(t)
		assert.Equal(t, "/v23.0/"+businessPhoneID+"/messages", got.Path)
		assert.Equal(t, "Bearer "+b.cfg.GraphToken, got.Auth)
		assert.Equal(t, "whatsapp", got.Body["messaging_product"])
		assert.Equal(t, "individual", got.Body["recipient_type"])
		assert.Equal(t, phone, got.Body["to"])
		assert.Equal(t, "text", got.Body["type"])
		text, _ := got.Body["text"].(map[string]any)
		assert.Equal(t, replies[0], text["body"])
	})

	t.Run("a 5xx is retried and Close waits for the send", func(t *testing.T) {
		t.Parallel()
		g := startGraphCapture(t)
		g.failures.Store(1)
		b := startBot(t, withGraph(g.srv.URL))
		b.sendText(t, newPhone(), "hola")
		ctx := ctxFor(t)
		require.NoError(t, b.srv.Close(ctx))
		// Close returned: both attempts have been made, no waiting needed.
		require.Len(t, g.requests, 2, "one failed attempt and one retry")
		first, second := <-g.requests, <-g.requests
		assert.Equal(t, first.Body, second.Body, "the retry sends the same message")
	})
}
