package runnertest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
)

// handler serves /health and the WhatsApp webhook. A delivery whose
// signature is not the bot's gets 401, as from any bot; with Options.Status
// unset every other one is recorded as handled (no reply is ever written)
// and acknowledged with 200.
func (b *Bot) handler(ctx context.Context, dsn string, opt Options, t *testing.T) http.Handler {
	pool, err := pgxpool.New(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	mux.HandleFunc("POST /webhook/whatsapp", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "could not read body", http.StatusBadRequest)
			return
		}
		if r.Header.Get("X-Hub-Signature-256") != fixtures.SignWhatsApp(body, b.secret()) {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		b.deliveries.Add(1)
		b.log(inbound(body))
		if opt.Status != 0 && opt.Status != http.StatusOK {
			http.Error(w, http.StatusText(opt.Status), opt.Status)
			return
		}
		for _, m := range inbound(body) {
			_, err := pool.Exec(r.Context(), `insert into messages (phone, direction, type, body, wamid, processed_at) values ($1, 'in', $2, $3, $4, now())`, m.From, m.Type, m.Text.Body, m.ID)
			if err != nil {
				http.Error(w, err.Error(), http.StatusServiceUnavailable)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
	return mux
}

// Received is one message the bot received, as the Cloud API sent it.
type Received struct {
	Phone, ID, Type string
	Text            string // a text's body; "" for every other type
}

func (b *Bot) log(msgs []message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range msgs {
		b.received = append(b.received, Received{Phone: m.From, ID: m.ID, Type: m.Type, Text: m.Text.Body})
	}
}

// Received are the messages of every signed delivery, in the order they
// arrived. It is kept in memory: resetting a phone (reset_sql) forgets
// nothing here.
func (b *Bot) Received() []Received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Received(nil), b.received...)
}

type message struct {
	From string `json:"from"`
	ID   string `json:"id"`
	Type string `json:"type"`
	Text struct {
		Body string `json:"body"`
	} `json:"text"`
}

// inbound are the messages of a Cloud API delivery.
func inbound(body []byte) []message {
	var env struct {
		Entry []struct {
			Changes []struct {
				Value struct {
					Messages []message `json:"messages"`
				} `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	if json.Unmarshal(body, &env) != nil {
		return nil
	}
	var out []message
	for _, e := range env.Entry {
		for _, c := range e.Changes {
			out = append(out, c.Value.Messages...)
		}
	}
	return out
}
