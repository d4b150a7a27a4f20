package bots

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/modroot"
)

// EnvDir names the environment variable that points at another directory
// of manifests (e.g. a team's own bots kept outside this repository). The
// package reads no environment itself: FromEnv turns a lookup the caller
// passes (the caas command and testutil pass os.Getenv) into a Loader.
const EnvDir = "CAAS_BOTS_DIR"

// Loader is where manifests are read from and what their ${VAR} references
// expand to. The zero Loader reads <module root>/bots with every variable
// unset.
type Loader struct {
	// Dir holds the <bot>.yaml files; "" = DefaultDir().
	Dir string
	// Getenv gives a variable's value, "" meaning unset (os.Getenv, or a
	// map in tests); nil = every variable unset.
	Getenv func(string) string
}

// FromEnv is the Loader an environment describes: the directory $CAAS_BOTS_DIR
// (else DefaultDir), references expanded from the same environment.
func FromEnv(getenv func(string) string) Loader {
	return Loader{Dir: getenv(EnvDir), Getenv: getenv}
}

// Directory is the directory l reads: l.Dir, else DefaultDir().
func (l Loader) Directory() string {
	if l.Dir != "" {
		return l.Dir
	}
	return DefaultDir()
}

// DefaultDir is <module root>/bots, the module root found by walking up
// from the working directory to go.mod (tests run in package directories
// such as layers/L04_webhook). Outside any module it is "bots".
func DefaultDir() string {
	return modroot.Join("bots")
}

// Names lists the bots in l.Directory(), sorted: every <name>.yaml except
// files whose name starts with "_" (drafts, shared fragments) or "example"
// (templates).
func (l Loader) Names() ([]string, error) {
	dir := l.Directory()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing bot manifests: %w; run from inside the repository or set %s to a directory of <bot>.yaml files", err, EnvDir)
	}
	var names []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() || !isBotName(name) {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}

func isBotName(name string) bool {
	return name != "" && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, "example")
}
