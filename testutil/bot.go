package testutil

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/envflag"
)

// DefaultBot is the bot tested when neither -bot nor CAAS_BOT says otherwise.
const DefaultBot = "voyachat"

// botFlags is the twin of -bot on the test binary's command line, which
// go test parses; BotName applies the environment after that.
var (
	botFlags = envflag.New(flag.CommandLine)
	botFlag  = botFlags.String("bot", "CAAS_BOT", DefaultBot, "bot manifest to test, from bots/ or $"+bots.EnvDir)
	botEnv   sync.Once
)

// BotName is the bot under test: -bot, else $CAAS_BOT, else DefaultBot.
func BotName() string {
	botEnv.Do(func() {
		if err := botFlags.FromEnv(os.Getenv); err != nil {
			panic(err) // a string flag takes any value: unreachable
		}
	})
	return *botFlag
}

// Bots is where the suite reads manifests: $CAAS_BOTS_DIR, else the
// module's bots/, their ${VAR}s expanded from the process's environment.
func Bots() bots.Loader { return bots.FromEnv(os.Getenv) }

var manifests sync.Map // name -> *manifestOnce

type manifestOnce struct {
	once sync.Once
	m    *bots.Manifest
	err  error
}

// LoadManifest loads (once per process) and validates the named bot's manifest.
func LoadManifest(name string) (*bots.Manifest, error) {
	v, _ := manifests.LoadOrStore(name, &manifestOnce{})
	mo := v.(*manifestOnce)
	mo.once.Do(func() {
		m, err := Bots().Load(name)
		if err != nil {
			mo.err = err
			return
		}
		if err := m.Validate(); err != nil {
			mo.err = fmt.Errorf("bot %q: invalid manifest:\n%w", name, err)
			return
		}
		mo.m = m
	})
	return mo.m, mo.err
}

// Manifest returns the manifest of the bot under test. When it cannot be
// loaded (an unknown bot, with the list of known ones; a problem, with its
// fix) the package stops with that one line (precheck.go).
func Manifest(t testing.TB) *bots.Manifest {
	t.Helper()
	m, err := LoadManifest(BotName())
	if err != nil {
		env.manifestFailed(t, BotName(), err)
	}
	return m
}

// AllManifests returns every bot in the bots directory (for cross-product
// tests, which run for all bots regardless of -bot).
func AllManifests(t testing.TB) []*bots.Manifest {
	t.Helper()
	names, err := Bots().Names()
	if err != nil {
		t.Fatalf("listing bots: %v", err)
	}
	var out []*bots.Manifest
	for _, n := range names {
		m, err := LoadManifest(n)
		if err != nil {
			env.manifestFailed(t, n, err)
		}
		out = append(out, m)
	}
	return out
}
