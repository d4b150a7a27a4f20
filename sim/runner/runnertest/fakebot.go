package runnertest

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
)

// Name is the fake bot's manifest name: scenarios for it say bot: fakebot.
const Name = "fakebot"

//go:embed fakebot.yaml
var manifestYAML []byte

// Options say how the fake bot answers.
type Options struct {
	// Status is what every signed webhook POST gets; 0 = 200, which the
	// bot sends after recording the message as handled, without a reply.
	Status int
}

// Bot is a running fake bot.
type Bot struct {
	Manifest *bots.Manifest
	// BotsDir holds its manifest, fakebot.yaml: point CAAS_BOTS_DIR at it.
	BotsDir string
	// Env are the variables its manifest's ${VAR}s read (its URL, its
	// database, its secrets); SetEnv sets them for a test that reads the
	// process environment.
	Env        map[string]string
	deliveries atomic.Int64
	mu         sync.Mutex
	received   []Received
}

// Start starts a fake bot for the test, with its own database, and stops
// both when the test ends.
func Start(t *testing.T, opt Options) *Bot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b := &Bot{BotsDir: t.TempDir()}
	dsn := newDatabase(ctx, t)
	srv := httptest.NewServer(b.handler(ctx, dsn, opt, t))
	t.Cleanup(srv.Close)
	b.Env = map[string]string{
		"CAAS_FAKEBOT_URL":          srv.URL,
		"CAAS_FAKEBOT_DSN":          dsn,
		"CAAS_FAKEBOT_APP_SECRET":   "app_" + randomHex(16),
		"CAAS_FAKEBOT_VERIFY_TOKEN": "verify_" + randomHex(8),
	}
	require.NoError(t, os.WriteFile(filepath.Join(b.BotsDir, Name+".yaml"), manifestYAML, 0o644))
	m, err := bots.Loader{Dir: b.BotsDir, Getenv: func(k string) string { return b.Env[k] }}.Load(Name)
	require.NoError(t, err, "the fake bot's manifest (sim/runner/runnertest/fakebot.yaml)")
	b.Manifest = m
	return b
}

// SetEnv sets the variables of Env and CAAS_BOTS_DIR for the test, so that
// a command that loads manifests from the environment finds the fake bot.
func (b *Bot) SetEnv(t *testing.T) {
	t.Helper()
	t.Setenv(bots.EnvDir, b.BotsDir)
	for k, v := range b.Env {
		t.Setenv(k, v)
	}
}

// Target connects to the fake bot as to any local bot; it is closed when
// the test ends.
func (b *Bot) Target(t *testing.T) *botclient.Target {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tg, err := botclient.Start(ctx, b.Manifest, botclient.Options{})
	require.NoError(t, err, "connecting to the fake bot")
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = tg.Close(cctx)
	})
	return tg
}

// Deliveries counts the webhook POSTs the bot received with a valid signature.
func (b *Bot) Deliveries() int { return int(b.deliveries.Load()) }

func (b *Bot) secret() string { return b.Env["CAAS_FAKEBOT_APP_SECRET"] }

func randomHex(n int) string {
	p := make([]byte, n)
	_, _ = rand.Read(p)
	return hex.EncodeToString(p)
}
