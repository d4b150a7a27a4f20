package botclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/caas-testing/caas-testing/bots"
)

// Target is a client for one bot under test. All of its methods reach the
// bot through HTTP (signed webhooks, /health, pages) or through the SQL the
// manifest gives for the bot's database.
type Target struct {
	M  *bots.Manifest
	DB *pgxpool.Pool // the bot's database, for the manifest's observe SQL

	HTTP *http.Client

	secrets  secrets
	mu       sync.RWMutex
	baseURL  string
	restart  func(ctx context.Context) (string, error) // returns the new base URL
	stop     func(ctx context.Context) error           // stops the bot's server, leaving its database
	closers  []func(context.Context) error
	notifier *notifier
	phones   *phonePool
	// crossProcessRestart: the bot is shared with other test binaries and
	// can be restarted; requests and restarts coordinate (restartlock.go).
	crossProcessRestart bool
}

type secrets struct {
	app, verify, stripe string
}

// Options tune Start.
type Options struct {
	// Label names the databases an embedded target creates (e.g. the test package).
	Label string
	// Defects switches on seeded defects of an embedded reference bot
	// (comma-separated names; the caller reads $CAAS_REFBOT_DEFECTS).
	Defects string
	// Server is where an embedded target's database is created.
	Server ServerOptions
}

// ErrCannotRestart is returned by Restart for a target that cannot be restarted.
var ErrCannotRestart = errors.New("this target cannot be restarted")

// Start starts (embedded) or connects to (local) the bot the manifest
// describes and returns a ready Target. Close releases it.
func Start(ctx context.Context, m *bots.Manifest, opt Options) (*Target, error) {
	switch m.Target.Kind {
	case bots.TargetEmbedded, "":
		return startEmbedded(ctx, m, opt)
	case bots.TargetLocal:
		return connectLocal(ctx, m)
	case bots.TargetSSH:
		return nil, fmt.Errorf("%s: target.kind ssh is not supported yet; use embedded or local", m.Path)
	default:
		return nil, fmt.Errorf("%s: target.kind %q unknown; use embedded or local", m.Path, m.Target.Kind)
	}
}

// URL returns the bot's base URL joined with path.
func (tg *Target) URL(path string) string {
	tg.mu.RLock()
	defer tg.mu.RUnlock()
	return tg.baseURL + path
}

// Name is the bot's manifest name.
func (tg *Target) Name() string { return tg.M.Name }

// Kind is the manifest's target kind.
func (tg *Target) Kind() bots.TargetKind { return tg.M.Target.Kind }

// CanRestart reports whether Restart can work for this target.
func (tg *Target) CanRestart() bool { return tg.restart != nil }

// SecretValues are the secrets this target signs with (to check that none
// leaks into a reply, a page or a report). Never print them.
func (tg *Target) SecretValues() []string {
	var out []string
	for _, s := range []string{tg.secrets.app, tg.secrets.verify, tg.secrets.stripe} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Restart stops and starts the bot (embedded: a new server on the same port
// and database; local: the manifest's restart command) and waits until
// /health answers 200.
func (tg *Target) Restart(ctx context.Context) error {
	if tg.restart == nil {
		return fmt.Errorf("%s: %w (target %s; set target.restart in %s)", tg.M.Name, ErrCannotRestart, tg.M.Target.Kind, tg.M.Path)
	}
	release, err := tg.exclusiveHold(ctx)
	if err != nil {
		return err
	}
	defer release()
	tg.HTTP.CloseIdleConnections() // as in Close: the old server must not wait for them
	url, err := tg.restart(ctx)
	if err != nil {
		return fmt.Errorf("restarting %s: %w", tg.M.Name, err)
	}
	tg.mu.Lock()
	tg.baseURL = url
	tg.mu.Unlock()
	if err := tg.WaitHealthy(ctx); err != nil {
		return fmt.Errorf("%s did not come back after restart: %w", tg.M.Name, err)
	}
	return nil
}

// Stop stops the bot's HTTP server and leaves its database and this
// client open, so that what is sent next fails as it does against a bot
// that went down (connection refused); Restart brings it back on the same
// address and database. Tests use it to cut a run mid-conversation. Only
// an embedded target can be stopped: a local or ssh bot is not the suite's
// to stop (ErrCannotRestart).
func (tg *Target) Stop(ctx context.Context) error {
	if tg.stop == nil {
		return fmt.Errorf("%s: %w: the suite cannot stop a %s target", tg.M.Name, ErrCannotRestart, tg.M.Target.Kind)
	}
	release, err := tg.exclusiveHold(ctx)
	if err != nil {
		return err
	}
	defer release()
	tg.HTTP.CloseIdleConnections() // as in Close: the server must not wait for them
	if err := tg.stop(ctx); err != nil {
		return fmt.Errorf("stopping %s: %w", tg.M.Name, err)
	}
	return nil
}

// WaitHealthy polls /health (growing interval) until it answers 200.
func (tg *Target) WaitHealthy(ctx context.Context) error {
	if tg.M.Endpoints.Health == "" {
		return nil
	}
	backoff := 5 * time.Millisecond
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, tg.URL(tg.M.Endpoints.Health), nil)
		resp, err := tg.HTTP.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("GET %s: %s", tg.M.Endpoints.Health, resp.Status)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
		case <-time.After(backoff):
		}
		if backoff < 200*time.Millisecond {
			backoff *= 2
		}
	}
}

// Close stops what Start started (an embedded bot and its database) and
// closes the connections.
func (tg *Target) Close(ctx context.Context) error {
	// A connection the client dialled but never used looks to the bot's
	// server like a request about to come, and a graceful shutdown waits
	// five seconds for it (net/http); ours close first.
	tg.HTTP.CloseIdleConnections()
	var errs []string
	for i := len(tg.closers) - 1; i >= 0; i-- {
		if err := tg.closers[i](ctx); err != nil {
			errs = append(errs, err.Error())
		}
	}
	tg.closers = nil
	if len(errs) > 0 {
		return fmt.Errorf("closing target %s: %s", tg.M.Name, strings.Join(errs, "; "))
	}
	return nil
}
