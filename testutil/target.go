package testutil

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
)

// The Target's value types, under the names layer tests use.
type (
	Turn            = botclient.Turn
	Reply           = botclient.Reply
	Session         = botclient.Session
	Payment         = botclient.Payment
	Consent         = botclient.Consent
	Response        = botclient.Response
	OutOfRangeError = botclient.OutOfRangeError
)

// Target is the bot under test for a test: botclient.Target's methods with a
// testing.TB, failing the test on errors and skipping it, with the
// manifest's reason, when the bot cannot be observed or reached that way.
type Target struct {
	*botclient.Target
}

// shared targets: one per bot per test binary, closed by Main.
var (
	sharedMu sync.Mutex
	shared   = map[string]*sharedTarget{}
)

type sharedTarget struct {
	once sync.Once
	tg   *Target
	err  error
}

// Open returns the shared Target of the bot under test (-bot), starting it on
// first use. It fails the test when the bot cannot be started.
func Open(t testing.TB) *Target {
	t.Helper()
	return OpenBot(t, Manifest(t))
}

// OpenBot returns the shared Target of the given bot (cross-product tests).
func OpenBot(t testing.TB, m *bots.Manifest) *Target {
	t.Helper()
	sharedMu.Lock()
	st, ok := shared[m.Name]
	if !ok {
		st = &sharedTarget{}
		shared[m.Name] = st
	}
	sharedMu.Unlock()
	st.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		tg, err := botclient.Start(ctx, m, botclient.Options{Label: packageLabel(), Defects: os.Getenv(botclient.DefectsEnv), Server: DatabaseServer()})
		st.tg, st.err = &Target{tg}, err
	})
	if st.err != nil {
		env.botFailed(t, m, st.err)
	}
	return st.tg
}

// OpenPrivate starts a Target for the test alone (embedded: its own bot and
// database), closed when the test ends. Tests that restart or break the bot
// use it so that parallel tests are not disturbed. For targets that cannot be
// duplicated (local, ssh) it returns the shared Target.
func OpenPrivate(t testing.TB) *Target {
	t.Helper()
	return OpenPrivateWith(t, "")
}

// OpenPrivateWith is OpenPrivate with seeded defects switched on for this
// bot alone (embedded targets only; "" = $CAAS_REFBOT_DEFECTS).
func OpenPrivateWith(t testing.TB, defects string) *Target {
	t.Helper()
	m := Manifest(t)
	if m.Target.Kind != bots.TargetEmbedded {
		if defects != "" {
			t.Skipf("%s: seeded defects need an embedded reference bot, target is %s", m.Name, m.Target.Kind)
		}
		return OpenBot(t, m)
	}
	// The shared bot is the environment check: a database server that does
	// not answer stops the package in one line, not in one per private bot.
	OpenBot(t, m)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if defects == "" {
		defects = os.Getenv(botclient.DefectsEnv)
	}
	tg, err := botclient.Start(ctx, m, botclient.Options{Label: packageLabel() + "_" + t.Name(), Defects: defects, Server: DatabaseServer()})
	if err != nil {
		t.Fatalf("starting a private %s: %v", m.Name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := tg.Close(ctx); err != nil {
			t.Errorf("%v", err)
		}
	})
	return &Target{tg}
}

// closeShared closes every shared target; Main calls it after the tests.
func closeShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for name, st := range shared {
		st.once.Do(func() {}) // waits for a start in flight (a stop mid-run)
		if st.tg != nil && st.tg.Target != nil {
			if err := st.tg.Close(ctx); err != nil {
				fmt.Fprintf(os.Stderr, "testutil: %v\n", err)
			}
		}
		delete(shared, name)
	}
}

// packageLabel names the test binary's package ("L04_webhook") for database names.
func packageLabel() string {
	return strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
}

func ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// check fails the test on err, or skips it when the manifest cannot support
// the check (no such query or endpoint, cannot restart).
func check(t testing.TB, err error) {
	t.Helper()
	switch {
	case err == nil:
	case errors.Is(err, botclient.ErrNotObservable), errors.Is(err, botclient.ErrNoEndpoint), errors.Is(err, botclient.ErrCannotRestart):
		t.Skip(err.Error())
	default:
		t.Fatalf("%v", err)
	}
}

// Phone returns a test phone for this test alone, with no history in the
// bot (its rows are deleted before, and again when the test ends).
func (tg *Target) Phone(t testing.TB) string {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	phone, release, err := tg.AcquirePhone(c)
	check(t, err)
	t.Cleanup(func() {
		c, cancel := ctx()
		defer cancel()
		if err := release(c); err != nil {
			t.Errorf("%v", err)
		}
	})
	return phone
}

// Phones returns n distinct test phones.
func (tg *Target) Phones(t testing.TB, n int) []string {
	t.Helper()
	out := make([]string, n)
	for i := range out {
		out[i] = tg.Phone(t)
	}
	return out
}

// ResetPhone deletes every row the bot holds for a test phone.
func (tg *Target) ResetPhone(t testing.TB, phone string) {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	check(t, tg.Target.ResetPhone(c, phone))
}

// Restart restarts the bot and waits for /health; skips when it cannot.
func (tg *Target) Restart(t testing.TB) {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	check(t, tg.Target.Restart(c))
}

// Say sends a signed text from phone and waits for the bot's turn.
func (tg *Target) Say(t testing.TB, phone, text string) *Turn {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	tu, err := tg.Target.Say(c, phone, text)
	check(t, err)
	return tu
}

// Conversation sends each text in order from phone and returns the turns.
func (tg *Target) Conversation(t testing.TB, phone string, texts ...string) []*Turn {
	t.Helper()
	out := make([]*Turn, len(texts))
	for i, text := range texts {
		out[i] = tg.Say(t, phone, text)
	}
	return out
}

// Deliver signs and posts a WhatsApp body naming one phone and waits for the turn.
func (tg *Target) Deliver(t testing.TB, body []byte) *Turn {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	tu, err := tg.Target.Deliver(c, body)
	check(t, err)
	return tu
}

// WaitTurn waits for the bot's turn on phone (see botclient.Target.WaitTurn).
func (tg *Target) WaitTurn(t testing.TB, phone string, cursor int64, wamids ...string) *Turn {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), tg.WaitBudget()+10*time.Second)
	defer cancel()
	tu, err := tg.Target.WaitTurn(c, phone, cursor, wamids...)
	check(t, err)
	return tu
}

// Do sends any request to the bot.
func (tg *Target) Do(t testing.TB, method, path string, body []byte, header http.Header) *Response {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	r, err := tg.Target.Do(c, method, path, body, header)
	check(t, err)
	return r
}

// Get fetches a path of the bot.
func (tg *Target) Get(t testing.TB, path string) *Response {
	t.Helper()
	return tg.Do(t, http.MethodGet, path, nil, nil)
}

// Endpoint returns the manifest's path for an endpoint, skipping the test
// with the manifest's reason when the bot has none.
func (tg *Target) Endpoint(t testing.TB, name string) string {
	t.Helper()
	p, err := tg.Target.Endpoint(name)
	check(t, err)
	return p
}

// Handshake performs the WhatsApp GET verification.
func (tg *Target) Handshake(t testing.TB, challenge string, rightToken bool) *Response {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	r, err := tg.Target.Handshake(c, challenge, rightToken)
	check(t, err)
	return r
}

// HandshakeMode is Handshake with a chosen hub.mode.
func (tg *Target) HandshakeMode(t testing.TB, mode, challenge string, rightToken bool) *Response {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	r, err := tg.Target.HandshakeMode(c, mode, challenge, rightToken)
	check(t, err)
	return r
}

// PostWhatsApp posts a WhatsApp body with the given signature ("" = none).
// A body naming a phone outside the test range fails the test, unsent.
func (tg *Target) PostWhatsApp(t testing.TB, body []byte, signature string, header ...http.Header) *Response {
	t.Helper()
	h := http.Header{}
	for _, extra := range header {
		for k, v := range extra {
			h[k] = v
		}
	}
	c, cancel := ctx()
	defer cancel()
	r, err := tg.Target.PostWhatsApp(c, body, signature, h)
	check(t, err)
	return r
}

// PostStripe posts a Stripe body with the given Stripe-Signature ("" = none).
func (tg *Target) PostStripe(t testing.TB, body []byte, signature string) *Response {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	r, err := tg.Target.PostStripe(c, body, signature)
	check(t, err)
	return r
}

// SendStripe posts a Stripe event signed now with the bot's secret.
func (tg *Target) SendStripe(t testing.TB, body []byte) *Response {
	t.Helper()
	return tg.PostStripe(t, body, tg.SignStripe(body, time.Now()))
}
