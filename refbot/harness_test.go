package refbot_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/refbot"
	"github.com/caas-testing/caas-testing/refbot/defect"
)

// businessPhoneID is the WhatsApp business number our test deliveries are
// addressed to (metadata.phone_number_id).
const businessPhoneID = "106540352242922"

// bot is one reference bot started for a test, with the secrets a test
// needs to talk to it like Meta and Stripe do.
type bot struct {
	srv    *refbot.Server
	cfg    refbot.Config
	client *http.Client
}

type option func(*refbot.Config)

func withDefects(names ...string) option {
	return func(c *refbot.Config) {
		d, err := defect.Parse(strings.Join(names, ","))
		if err != nil {
			panic(err)
		}
		c.Defects = d
	}
}

func withProduct(name string) option { return func(c *refbot.Config) { c.Product = name } }

func withGraph(url string) option {
	return func(c *refbot.Config) { c.GraphURL, c.GraphToken = url, "graph-token-"+randomHex(8) }
}

func withDatabaseURL(dsn string) option { return func(c *refbot.Config) { c.DatabaseURL = dsn } }

// startBot starts a reference bot on a free port and the package's
// database, with fresh secrets, and closes it when the test ends.
func startBot(t testing.TB, opts ...option) *bot {
	t.Helper()
	needDB(t)
	cfg := refbot.Config{
		Product:      "voyachat",
		Addr:         "127.0.0.1:0",
		DatabaseURL:  testDB.url,
		AppSecret:    "app-secret-" + randomHex(16),
		VerifyToken:  "verify-" + randomHex(8),
		StripeSecret: "whsec_" + randomHex(16),
		MaxConns:     4,
	}
	for _, o := range opts {
		o(&cfg)
	}
	b := &bot{cfg: cfg, client: &http.Client{Timeout: 60 * time.Second}}
	b.start(t)
	return b
}

func (b *bot) start(t testing.TB) {
	t.Helper()
	srv, err := refbot.Start(context.Background(), b.cfg)
	require.NoError(t, err, "start the reference bot")
	b.srv = srv
	b.cfg.Addr = srv.Addr()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.Close(ctx); err != nil {
			t.Errorf("close the reference bot: %v", err)
		}
	})
}

// restart closes the bot and starts it again on the same address.
func (b *bot) restart(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, b.srv.Close(ctx), "close before restart")
	b.start(t)
}

// response is what a request got back, read in full.
type response struct {
	code   int
	body   string
	header http.Header
}

func (b *bot) do(t testing.TB, req *http.Request) response {
	t.Helper()
	resp, err := b.client.Do(req)
	require.NoError(t, err, "%s %s", req.Method, req.URL.Path)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{code: resp.StatusCode, body: string(body), header: resp.Header}
}

func (b *bot) get(t testing.TB, path string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.srv.URL()+path, nil)
	require.NoError(t, err)
	return b.do(t, req)
}

// postWhatsApp POSTs body to the WhatsApp webhook with the given headers,
// exactly as given (no signature added).
func (b *bot) postWhatsApp(t testing.TB, body []byte, headers map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.srv.URL()+"/webhook/whatsapp", bytes.NewReader(body))
	require.NoError(t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return b.do(t, req)
}

// deliver POSTs a delivery signed with the bot's app secret, like Meta.
func (b *bot) deliver(t testing.TB, body []byte) response {
	t.Helper()
	return b.postWhatsApp(t, body, map[string]string{
		"Content-Type":        "application/json",
		"X-Hub-Signature-256": metaSignature(body, b.cfg.AppSecret),
	})
}

// sendText delivers one signed text message from phone and requires a 200:
// when it returns, the bot's turn is committed.
func (b *bot) sendText(t testing.TB, phone, text string) string {
	t.Helper()
	id := newWamid()
	resp := b.deliver(t, envelope(textMessage(phone, id, text)))
	require.Equal(t, http.StatusOK, resp.code, "deliver %q from %s: %s", text, phone, resp.body)
	return id
}

// postStripe POSTs body to the Stripe webhook with a Stripe-Signature.
func (b *bot) postStripe(t testing.TB, body []byte, signature string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.srv.URL()+"/webhook/stripe", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("Stripe-Signature", signature)
	}
	return b.do(t, req)
}

// metaSignature is X-Hub-Signature-256, computed here independently of the
// bot's code.
func metaSignature(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// stripeSignature is a Stripe-Signature header for body signed at ts.
func stripeSignature(body []byte, secret string, ts time.Time) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts.Unix())
	mac.Write(body)
	return fmt.Sprintf("t=%d,v1=%s", ts.Unix(), hex.EncodeToString(mac.Sum(nil)))
}

var phoneSeq atomic.Int64

// newPhone returns a customer number no other test of this run uses.
func newPhone() string {
	return fmt.Sprintf("346000%05d", phoneSeq.Add(1))
}

func newWamid() string { return "wamid.TEST" + randomHex(20) + "==" }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck // never fails
	return hex.EncodeToString(b)
}

// ctxFor is a context that ends with the test (or after a minute).
func ctxFor(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if deadline, set := d.Deadline(); set {
			cancel()
			ctx, cancel = context.WithDeadline(context.Background(), deadline.Add(-2*time.Second))
		}
	}
	t.Cleanup(cancel)
	return ctx
}
