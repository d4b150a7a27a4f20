package testutil

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
	closers  []func(context.Context) error
	notifier *notifier
	phones   *phonePool
	private  bool
}

type secrets struct {
	app, verify, stripe string
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

// Restart stops and starts the bot (embedded: a new process-equivalent
// server on the same port and database; local: the manifest's restart
// command) and waits until /health answers 200. It skips the test, with the
// manifest's reason, when the target cannot be restarted.
func (tg *Target) Restart(t testing.TB) {
	t.Helper()
	if tg.restart == nil {
		t.Skipf("%s: target %s cannot be restarted (set target.restart in %s)", tg.M.Name, tg.M.Target.Kind, tg.M.Path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	url, err := tg.restart(ctx)
	if err != nil {
		t.Fatalf("restarting %s: %v", tg.M.Name, err)
	}
	tg.mu.Lock()
	tg.baseURL = url
	tg.mu.Unlock()
	if err := tg.waitHealthy(ctx); err != nil {
		t.Fatalf("%s did not come back after restart: %v", tg.M.Name, err)
	}
}

func (tg *Target) waitHealthy(ctx context.Context) error {
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

func (tg *Target) close(ctx context.Context) error {
	var errs []string
	for i := len(tg.closers) - 1; i >= 0; i-- {
		if err := tg.closers[i](ctx); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("closing target %s: %s", tg.M.Name, strings.Join(errs, "; "))
	}
	return nil
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
		st.tg, st.err = start(ctx, m, packageLabel())
	})
	if st.err != nil {
		t.Fatalf("starting bot %s: %v", m.Name, st.err)
	}
	return st.tg
}

// OpenPrivate starts a Target for the test alone (embedded: its own bot and
// database), closed when the test ends. Tests that restart or break the bot
// use it so that parallel tests are not disturbed. For targets that cannot be
// duplicated (local, ssh) it returns the shared Target.
func OpenPrivate(t testing.TB) *Target {
	t.Helper()
	m := Manifest(t)
	if m.Target.Kind != bots.TargetEmbedded {
		return OpenBot(t, m)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tg, err := start(ctx, m, packageLabel()+"_"+t.Name())
	if err != nil {
		t.Fatalf("starting a private %s: %v", m.Name, err)
	}
	tg.private = true
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := tg.close(ctx); err != nil {
			t.Errorf("%v", err)
		}
	})
	return tg
}

func start(ctx context.Context, m *bots.Manifest, label string) (*Target, error) {
	switch m.Target.Kind {
	case bots.TargetEmbedded, "":
		return startEmbedded(ctx, m, label)
	case bots.TargetLocal:
		return connectLocal(ctx, m)
	case bots.TargetSSH:
		return nil, fmt.Errorf("%s: target.kind ssh is not supported yet; use embedded or local", m.Path)
	default:
		return nil, fmt.Errorf("%s: target.kind %q unknown; use embedded or local", m.Path, m.Target.Kind)
	}
}

// closeShared closes every shared target; Main calls it after the tests.
func closeShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for name, st := range shared {
		if st.tg != nil {
			if err := st.tg.close(ctx); err != nil {
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
