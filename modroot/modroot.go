// Package modroot finds the root of the Go module the process runs in: the
// nearest directory at or above the working directory that holds a go.mod.
// Tests run in their package's directory (layers/L04_webhook, say), and the
// data they read (bots/, sim/scenarios/, regression/rows/, ...) lives under
// the root. It imports nothing of ours, so anyone may use it.
package modroot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrNoModule is returned when no go.mod is found above the working directory.
var ErrNoModule = errors.New("no go.mod above the working directory; run from inside the caas-testing repository")

// Find is the module root above the working directory.
func Find() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	return Above(wd)
}

// Above is the module root at or above dir.
func Above(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w (from %s)", ErrNoModule, dir)
		}
	}
}

// Join is root/elem... when the module root is found, else the relative
// path elem... (as from the working directory).
func Join(elem ...string) string {
	if root, err := Find(); err == nil {
		return filepath.Join(append([]string{root}, elem...)...)
	}
	return filepath.Join(elem...)
}

// Display is path as messages show it: relative to the module root that
// holds it, with slashes (bots/voyachat.yaml), when it is inside one;
// otherwise path as given.
func Display(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	root, err := Above(filepath.Dir(abs))
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.ToSlash(rel)
}
