package botclient

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/refbot"
	"github.com/caas-testing/caas-testing/refbot/defect"
)

// DefectsEnv names the environment variable that switches on seeded
// defects of an embedded reference bot; the callers that read the
// environment (testutil, cmd/caas) put its value in Options.Defects.
const DefectsEnv = "CAAS_REFBOT_DEFECTS"

// refbotSchema is what every embedded reference bot's database holds.
var refbotSchema = Schema{Kind: "refbot", Version: refbot.SchemaVersion(), Migrate: refbot.Migrate}

// startEmbedded starts the reference bot in-process with the manifest's
// product, on a free loopback port, with a fresh database and fresh random
// secrets (an embedded target needs none from the environment).
func startEmbedded(ctx context.Context, m *bots.Manifest, opt Options) (*Target, error) {
	product := m.Target.Product
	if product == "" {
		product = m.Name
	}
	defects, err := defect.Parse(opt.Defects)
	if err != nil {
		return nil, fmt.Errorf("seeded defects (%s): %w", DefectsEnv, err)
	}
	pg, err := FindServer(ctx, opt.Server)
	if err != nil {
		return nil, err
	}
	dsn, drop, err := createDatabase(ctx, pg, refbotSchema, m.Name+"_"+opt.Label)
	if err != nil {
		return nil, err
	}
	tg := &Target{
		M:    m,
		HTTP: &http.Client{Timeout: 30 * time.Second},
		secrets: secrets{
			app:    "app_" + randomHex(16),
			verify: "verify_" + randomHex(8),
			stripe: "whsec_" + randomHex(16),
		},
	}
	tg.closers = append(tg.closers, drop)
	cfg := refbot.Config{
		Product:      product,
		Addr:         "127.0.0.1:0",
		DatabaseURL:  dsn,
		AppSecret:    tg.secrets.app,
		VerifyToken:  tg.secrets.verify,
		StripeSecret: tg.secrets.stripe,
		Defects:      defects,
	}
	srv, err := refbot.Start(ctx, cfg)
	if err != nil {
		_ = tg.Close(ctx)
		return nil, fmt.Errorf("starting the reference bot (%s): %w", product, err)
	}
	tg.closers = append(tg.closers, func(ctx context.Context) error { return srv.Close(ctx) })
	tg.baseURL = srv.URL()
	cfg.Addr = srv.Addr()
	tg.stop = func(ctx context.Context) error { return srv.Close(ctx) } // the server of the latest restart
	tg.restart = func(ctx context.Context) (string, error) {
		if err := srv.Close(ctx); err != nil { // a stopped server's Close is a no-op
			return "", fmt.Errorf("stopping: %w", err)
		}
		next, err := refbot.Start(ctx, cfg)
		if err != nil {
			return "", fmt.Errorf("starting again: %w", err)
		}
		srv = next
		return srv.URL(), nil
	}
	if err := tg.connectDB(ctx, dsn); err != nil {
		_ = tg.Close(ctx)
		return nil, err
	}
	return tg, nil
}

// connectDB opens the observation pool, the notification listener and the
// phone pool on the bot's database.
func (tg *Target) connectDB(ctx context.Context, dsn string) error {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("the bot's database URL does not parse: %w", err)
	}
	// Observation queries are short and a test asks one at a time; a small
	// pool keeps a package whose private bots run at once (L13 plays one
	// per seeded defect) well inside the server's max_connections.
	cfg.MaxConns = 4
	if tg.crossProcessRestart {
		cfg.MaxConns = 16 // each request in flight holds one (restartlock.go)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connecting to the bot's database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return fmt.Errorf("the bot's database does not answer: %w", err)
	}
	tg.DB = pool
	tg.closers = append(tg.closers, func(context.Context) error { pool.Close(); return nil })
	if ch := tg.M.Observe.NotifyChannel; ch != "" {
		n, err := listen(ctx, dsn, ch)
		if err != nil {
			return fmt.Errorf("LISTEN %s (observe.notify_channel in %s): %w", ch, tg.M.Path, err)
		}
		tg.notifier = n
		tg.closers = append(tg.closers, n.close)
	} else {
		tg.notifier = newPollingNotifier()
	}
	phones, err := newPhonePool(ctx, tg.M, dsn)
	if err != nil {
		return err
	}
	tg.phones = phones
	tg.closers = append(tg.closers, phones.close)
	return nil
}
