package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/modroot"
)

// EnvUpdate is -update's twin for tools that cannot pass test flags.
const EnvUpdate = "CAAS_UPDATE_GOLDEN"

var update = flag.Bool("update", false, "rewrite golden files and broken-file headers under testdata/ from this run (env "+EnvUpdate+"=1)")

// Updating reports whether this run rewrites golden files instead of
// comparing with them: -update, or CAAS_UPDATE_GOLDEN=1.
func Updating() bool {
	if *update {
		return true
	}
	v := strings.TrimSpace(os.Getenv(EnvUpdate))
	return v == "1" || strings.EqualFold(v, "true")
}

// Check compares got with the file at path. With -update it writes got
// there instead (creating the folder). On a mismatch the test fails with a
// line diff of the file against got and the command that rewrites it.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	check(t, path, got, Updating())
}

func check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		Write(t, path, got)
		return
	}
	want := Read(t, path)
	if d := Diff(path, want, "this run", got); d != "" {
		t.Errorf("%s differs from this run's output; if the change is on purpose, rewrite it with %s and review the diff:\n%s", path, Rewrite(t), d)
	}
}

// Read returns the golden file at path, failing the test (with the command
// that writes it) when there is none.
func Read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file %s (%v); write it with %s", path, err, Rewrite(t))
	}
	return data
}

// Write writes a golden file and logs it, so an -update run says what it
// rewrote.
func Write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("writing golden file: %v", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatalf("writing golden file: %v", err)
	}
	t.Logf("wrote %s", path)
}

// Rewrite is the command that rewrites the golden files of the running
// test: go test with its package folder, -run with the top-level test's name
// and -update.
func Rewrite(t testing.TB) string {
	top, _, _ := strings.Cut(t.Name(), "/")
	pkg := "."
	if wd, err := os.Getwd(); err == nil {
		if rel := modroot.Display(wd); rel != wd && rel != "." {
			pkg = "./" + rel
		}
	}
	return "go test " + pkg + " -run '^" + top + "$' -update"
}
