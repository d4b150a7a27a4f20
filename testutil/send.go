package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/caas-testing/caas-testing/fixtures"
)

// Response is an HTTP answer read whole.
type Response struct {
	Status  int
	Header  http.Header
	Body    string
	Elapsed time.Duration
}

func (r *Response) String() string {
	body := r.Body
	if len(body) > 300 {
		body = body[:300] + "…"
	}
	return fmt.Sprintf("HTTP %d %q", r.Status, body)
}

// Do sends a request to the bot and reads the whole answer. It is the one
// door through which every request leaves the framework.
func (tg *Target) Do(t testing.TB, method, path string, body []byte, header http.Header) *Response {
	t.Helper()
	resp, err := tg.do(context.Background(), method, path, body, header)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

func (tg *Target) do(ctx context.Context, method, path string, body []byte, header http.Header) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, tg.URL(path), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	start := time.Now()
	resp, err := tg.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(b), Elapsed: time.Since(start)}, nil
}

// Get fetches a path of the bot.
func (tg *Target) Get(t testing.TB, path string) *Response {
	t.Helper()
	return tg.Do(t, http.MethodGet, path, nil, nil)
}

// SignWhatsApp returns the X-Hub-Signature-256 value for body with the bot's app secret.
func (tg *Target) SignWhatsApp(body []byte) string {
	return fixtures.SignWhatsApp(body, tg.secrets.app)
}

// SignStripe returns a Stripe-Signature value for payload signed at t with
// the bot's signing secret.
func (tg *Target) SignStripe(payload []byte, at time.Time) string {
	return fixtures.SignStripe(payload, tg.secrets.stripe, at)
}

// Handshake performs the WhatsApp GET verification. With rightToken false it
// sends a token that is not the bot's.
func (tg *Target) Handshake(t testing.TB, challenge string, rightToken bool) *Response {
	t.Helper()
	token := tg.secrets.verify
	if !rightToken {
		token = "not-" + token
	}
	path := tg.requireEndpoint(t, "whatsapp", tg.M.Endpoints.WhatsApp)
	q := "?hub.mode=subscribe&hub.verify_token=" + url.QueryEscape(token) + "&hub.challenge=" + url.QueryEscape(challenge)
	return tg.Get(t, path+q)
}

// PostWhatsApp posts a WhatsApp webhook body with the given signature header
// ("" = none) exactly as given. Every phone in the body must be in the test
// range, or nothing is sent and the test fails.
func (tg *Target) PostWhatsApp(t testing.TB, body []byte, signature string, header ...http.Header) *Response {
	t.Helper()
	if err := tg.guardBody(body); err != nil {
		t.Fatalf("%v", err)
	}
	h := http.Header{"Content-Type": {"application/json"}}
	for _, extra := range header {
		for k, v := range extra {
			h[k] = v
		}
	}
	if signature != "" {
		h.Set("X-Hub-Signature-256", signature)
	}
	return tg.Do(t, http.MethodPost, tg.requireEndpoint(t, "whatsapp", tg.M.Endpoints.WhatsApp), body, h)
}

// PostStripe posts a Stripe webhook body with the given Stripe-Signature ("" = none).
func (tg *Target) PostStripe(t testing.TB, body []byte, signature string) *Response {
	t.Helper()
	h := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	if signature != "" {
		h.Set("Stripe-Signature", signature)
	}
	return tg.Do(t, http.MethodPost, tg.requireEndpoint(t, "stripe", tg.M.Endpoints.Stripe), body, h)
}

// SendStripe posts a Stripe event signed now with the bot's secret.
func (tg *Target) SendStripe(t testing.TB, body []byte) *Response {
	t.Helper()
	return tg.PostStripe(t, body, tg.SignStripe(body, time.Now()))
}

// HasEndpoint reports whether the manifest declares the endpoint.
func (tg *Target) requireEndpoint(t testing.TB, name, path string) string {
	t.Helper()
	if path == "" {
		t.Skipf("%s has no %s endpoint (endpoints.%s is empty in %s)", tg.M.Name, name, name, tg.M.Path)
	}
	return path
}

// delivery is what the guard and the waiter need from a WhatsApp body.
type delivery struct {
	phones []string            // every customer phone named in the body
	wamids map[string][]string // phone -> inbound message ids
}

func parseDelivery(body []byte) (delivery, error) {
	var env struct {
		Entry []struct {
			Changes []struct {
				Value struct {
					Contacts []struct {
						WaID string `json:"wa_id"`
					} `json:"contacts"`
					Messages []struct {
						From string `json:"from"`
						ID   string `json:"id"`
					} `json:"messages"`
					Statuses []struct {
						RecipientID string `json:"recipient_id"`
					} `json:"statuses"`
				} `json:"value"`
			} `json:"changes"`
		} `json:"entry"`
	}
	d := delivery{wamids: map[string][]string{}}
	if err := json.Unmarshal(body, &env); err != nil {
		return d, err
	}
	seen := map[string]bool{}
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			d.phones = append(d.phones, p)
		}
	}
	for _, e := range env.Entry {
		for _, c := range e.Changes {
			for _, ct := range c.Value.Contacts {
				add(ct.WaID)
			}
			for _, m := range c.Value.Messages {
				add(m.From)
				d.wamids[m.From] = append(d.wamids[m.From], m.ID)
			}
			for _, s := range c.Value.Statuses {
				add(s.RecipientID)
			}
		}
	}
	return d, nil
}

// guardBody refuses a body that names a phone outside the test range. A
// body that is not JSON (a bad-payload test) names no phone and passes.
func (tg *Target) guardBody(body []byte) error {
	d, err := parseDelivery(body)
	if err != nil {
		return nil
	}
	for _, p := range d.phones {
		if err := tg.Guard(p); err != nil {
			return err
		}
	}
	return nil
}
