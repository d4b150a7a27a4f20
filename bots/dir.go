package bots

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// EnvDir names the environment variable that points at another directory
// of manifests (e.g. a team's own bots kept outside this repository).
const EnvDir = "CAAS_BOTS_DIR"

// Dir is the directory manifests are read from: $CAAS_BOTS_DIR when set,
// else <module root>/bots, the module root found by walking up from the
// working directory to go.mod (tests run in package directories such as
// layers/L04_webhook). Outside any module it falls back to "bots".
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	if root, ok := moduleRoot(); ok {
		return filepath.Join(root, "bots")
	}
	return "bots"
}

// moduleRoot is the nearest directory at or above the working directory
// that holds a go.mod.
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Names lists the bots in Dir, sorted: every <name>.yaml except files whose
// name starts with "_" (drafts, shared fragments) or "example" (templates).
func Names() ([]string, error) {
	dir := Dir()
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
