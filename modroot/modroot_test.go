package modroot

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestTheRootIsTheNearestDirectoryHoldingGoMod(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{root, deep} {
		if got, err := Above(dir); err != nil || got != root {
			t.Errorf("Above(%s) = %q, %v; want %q", dir, got, err, root)
		}
	}
	// a directory named go.mod is not a module
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, "go.mod"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Above(other); !errors.Is(err, ErrNoModule) {
		t.Errorf("Above(a tree whose go.mod is a directory) = %v, want ErrNoModule", err)
	}
}

func TestThisPackageRunsInsideTheModule(t *testing.T) {
	root, err := Find()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "modroot", "modroot.go")); err != nil {
		t.Errorf("Find() = %s, which does not hold modroot/modroot.go", root)
	}
	if got := Join("bots"); got != filepath.Join(root, "bots") {
		t.Errorf("Join(bots) = %s", got)
	}
}
