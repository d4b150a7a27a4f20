package testutil

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
)

// DefaultBot is the bot tested when neither -bot nor CAAS_BOT says otherwise.
const DefaultBot = "voyachat"

var botFlag = flag.String("bot", "", "bot manifest to test, from bots/ or $CAAS_BOTS_DIR (env CAAS_BOT; default "+DefaultBot+")")

// BotName is the bot under test: -bot, else $CAAS_BOT, else DefaultBot.
func BotName() string {
	if *botFlag != "" {
		return *botFlag
	}
	if env := strings.TrimSpace(os.Getenv("CAAS_BOT")); env != "" {
		return env
	}
	return DefaultBot
}

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
		m, err := bots.Load(name)
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

// Manifest returns the manifest of the bot under test, failing the test
// (with the list of known bots) when it cannot be loaded.
func Manifest(t testing.TB) *bots.Manifest {
	t.Helper()
	m, err := LoadManifest(BotName())
	if err != nil {
		t.Fatalf("%v", err)
	}
	return m
}

// AllManifests returns every bot in the bots directory (for cross-product
// tests, which run for all bots regardless of -bot).
func AllManifests(t testing.TB) []*bots.Manifest {
	t.Helper()
	names, err := bots.Names()
	if err != nil {
		t.Fatalf("listing bots: %v", err)
	}
	var out []*bots.Manifest
	for _, n := range names {
		m, err := LoadManifest(n)
		if err != nil {
			t.Fatalf("%v", err)
		}
		out = append(out, m)
	}
	return out
}
