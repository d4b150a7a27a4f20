package botclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
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

// ErrNoEndpoint is returned when the manifest declares no such endpoint.
var ErrNoEndpoint = errors.New("the manifest declares no such endpoint")

// Do sends a request to the bot and reads the whole answer. It is the one
// door through which every request leaves the framework.
func (tg *Target) Do(ctx context.Context, method, path string, body []byte, header http.Header) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	release, err := tg.sharedHold(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
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
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: string(b), Elapsed: time.Since(start)}, nil
}

// Get fetches a path of the bot.
func (tg *Target) Get(ctx context.Context, path string) (*Response, error) {
	return tg.Do(ctx, http.MethodGet, path, nil, nil)
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

// Endpoint returns the manifest's path for an endpoint ("health",
// "whatsapp", "stripe", "receipt"), or an error wrapping ErrNoEndpoint.
func (tg *Target) Endpoint(name string) (string, error) {
	var p string
	switch name {
	case "health":
		p = tg.M.Endpoints.Health
	case "whatsapp":
		p = tg.M.Endpoints.WhatsApp
	case "stripe":
		p = tg.M.Endpoints.Stripe
	case "receipt":
		p = tg.M.Endpoints.Receipt
	}
	if p == "" {
		return "", fmt.Errorf("%s has no %s endpoint (endpoints.%s is empty in %s): %w", tg.M.Name, name, name, tg.M.File(), ErrNoEndpoint)
	}
	return p, nil
}

// Handshake performs the WhatsApp GET verification. With rightToken false it
// sends a token that is not the bot's.
func (tg *Target) Handshake(ctx context.Context, challenge string, rightToken bool) (*Response, error) {
	return tg.HandshakeMode(ctx, "subscribe", challenge, rightToken)
}

// HandshakeMode is Handshake with a chosen hub.mode.
func (tg *Target) HandshakeMode(ctx context.Context, mode, challenge string, rightToken bool) (*Response, error) {
	path, err := tg.Endpoint("whatsapp")
	if err != nil {
		return nil, err
	}
	token := tg.secrets.verify
	if !rightToken {
		token = "not-" + token
	}
	q := url.Values{"hub.mode": {mode}, "hub.verify_token": {token}, "hub.challenge": {challenge}}
	return tg.Get(ctx, path+"?"+q.Encode())
}

// PostWhatsApp posts a WhatsApp webhook body with the given signature header
// ("" = none) exactly as given. Every phone named in the body must be in the
// test range, or nothing is sent.
func (tg *Target) PostWhatsApp(ctx context.Context, body []byte, signature string, header http.Header) (*Response, error) {
	if err := tg.guardBody(body); err != nil {
		return nil, err
	}
	path, err := tg.Endpoint("whatsapp")
	if err != nil {
		return nil, err
	}
	h := http.Header{"Content-Type": {"application/json"}}
	for k, v := range header {
		h[k] = v
	}
	if signature != "" {
		h.Set("X-Hub-Signature-256", signature)
	}
	return tg.Do(ctx, http.MethodPost, path, body, h)
}

// PostStripe posts a Stripe webhook body with the given Stripe-Signature ("" = none).
func (tg *Target) PostStripe(ctx context.Context, body []byte, signature string) (*Response, error) {
	path, err := tg.Endpoint("stripe")
	if err != nil {
		return nil, err
	}
	h := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	if signature != "" {
		h.Set("Stripe-Signature", signature)
	}
	return tg.Do(ctx, http.MethodPost, path, body, h)
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

// phoneFields finds customer phones in bodies that do not parse as JSON
// (truncated or malformed on purpose), so a lenient bot is never handed a
// real customer's number either.
var phoneFields = regexp.MustCompile(`"(?:from|wa_id|recipient_id)"\s*:\s*"([^"]*)"`)

// guardBody refuses a body that names a phone outside the test range.
func (tg *Target) guardBody(body []byte) error {
	phones := map[string]bool{}
	if d, err := parseDelivery(body); err == nil {
		for _, p := range d.phones {
			phones[p] = true
		}
	} else {
		// Not JSON: look for phone fields in the raw text. (Only here: in a
		// parsed body, context.from is the business's own number.)
		for _, m := range phoneFields.FindAllSubmatch(body, -1) {
			if len(m[1]) > 0 {
				phones[string(m[1])] = true
			}
		}
	}
	for p := range phones {
		if err := tg.Guard(p); err != nil {
			return err
		}
	}
	return nil
}
