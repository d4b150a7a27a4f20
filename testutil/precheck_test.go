package testutil

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/modroot"
)

// The layers the check is proved on: L01, whose subject is the manifest
// (ManifestTestedBy); L03, a layer of live tests on the bot under test;
// L12, which tests every bot in the bots directory.
var precheckLayers = []string{"L01_unit", "L03_e2e", "L12_cross_product"}

// layerBinaries builds the layers' test binaries once for the test.
func layerBinaries(t *testing.T) (root, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds three layers' test binaries (about half a minute); not in -short")
	}
	root, err := modroot.Find()
	require.NoError(t, err)
	dir = t.TempDir()
	args := []string{"test", "-c", "-o", dir + string(filepath.Separator)}
	for _, l := range precheckLayers {
		args = append(args, "./layers/"+l)
	}
	cmd := exec.Command(goCommand(), args...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go test -c: %s", out)
	return root, dir
}

// layerRun is one layer binary's run.
type layerRun struct {
	layer  string
	code   int
	output string
}

// runLayers runs each layer binary in its package directory, as go test
// does, with only env of the CAAS_ variables, and extra flags.
func runLayers(t *testing.T, root, dir string, env map[string]string, flags ...string) []layerRun {
	t.Helper()
	var runs []layerRun
	for _, l := range precheckLayers {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, filepath.Join(dir, l+".test"), append([]string{"-test.timeout=2m"}, flags...)...)
		cmd.Dir = filepath.Join(root, "layers", l)
		cmd.Env = environWith(env)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		cancel()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else {
			require.NoError(t, err, "running %s", l)
		}
		runs = append(runs, layerRun{layer: l, code: code, output: out.String()})
	}
	return runs
}

// environWith is this process's environment without any CAAS_ variable,
// plus env.
func environWith(env map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CAAS_") {
			out = append(out, kv)
		}
	}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// failureLines are the lines of a layer's output that report a failure: a
// test's "--- FAIL" header, or a line of the binary's own; the indented
// lines under a header, and the closing FAIL or PASS, are not counted.
func failureLines(output string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(output, "\n"), "\n") {
		switch {
		case l == "", l == "FAIL", l == "PASS", strings.HasPrefix(l, " "), strings.HasPrefix(l, "\t"):
		default:
			out = append(out, l)
		}
	}
	return out
}

// assertOneFailureNaming checks that each layer failed, on one line that
// names what to fix, and never quoted what it must not.
func assertOneFailureNaming(t *testing.T, runs []layerRun, name string, never ...string) {
	t.Helper()
	for _, r := range runs {
		assert.Equal(t, 1, r.code, "%s exit status; output:\n%s", r.layer, r.output)
		lines := failureLines(r.output)
		assert.Len(t, lines, 1, "%s: want one failure line, output:\n%s", r.layer, r.output)
		assert.Equal(t, 1, strings.Count(r.output, name), "%s: want %s named once, output:\n%s", r.layer, name, r.output)
		for _, secret := range never {
			assert.NotContains(t, r.output, secret, "%s quotes a secret", r.layer)
		}
	}
}

// One mistake in the environment, one line per layer package: the layers'
// real test binaries, built once, run as go test runs them.
func TestABrokenEnvironmentStopsEachLayerWithOneLineNamingTheFix(t *testing.T) {
	root, bin := layerBinaries(t)
	t.Run("an unset variable in a local manifest", func(t *testing.T) { unsetVariable(t, root, bin) })
	t.Run("a CAAS_DATABASE_URL that does not answer", func(t *testing.T) { wrongDatabase(t, root, bin) })
	t.Run("-list and a -run that matches nothing still work", func(t *testing.T) { noTestNeedsIt(t, root, bin) })
}

// A copy of bots/example.yaml, the template of a local bot, with every
// ${VAR} it needs set but one: each layer fails once, naming that
// variable. L01 reports it as the failure of its manifest test.
func unsetVariable(t *testing.T, root, bin string) {
	example, err := os.ReadFile(filepath.Join(root, "bots", "example.yaml"))
	require.NoError(t, err)
	text := regexp.MustCompile(`(?m)^name: example\b`).ReplaceAllString(string(example), "name: mybot  ")
	bots := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bots, "mybot.yaml"), []byte(text), 0o644))

	// The variables without a default; the first stays unset.
	var unset string
	env := map[string]string{"CAAS_BOTS_DIR": bots, "CAAS_BOT": "mybot"}
	uncommented := regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAllString(text, "")
	for _, m := range regexp.MustCompile(`\$\{([A-Z][A-Z0-9_]*)\}`).FindAllStringSubmatch(uncommented, -1) {
		switch {
		case unset == "":
			unset = m[1]
		case m[1] != unset:
			env[m[1]] = "value-of-" + strings.ToLower(m[1])
		}
	}
	require.NotEmpty(t, unset, "bots/example.yaml references no variable without a default")

	runs := runLayers(t, root, bin, env)
	assertOneFailureNaming(t, runs, "${"+unset+"}")
	assert.Contains(t, runs[0].output, "--- FAIL: TestTheBotsManifestLoadsAndValidates", "L01 reports a broken manifest as its manifest test's failure")
	for _, r := range runs[1:] {
		assert.Contains(t, r.output, r.layer+": cannot test mybot: ", "%s names the bot it could not test", r.layer)
	}
}

// A CAAS_DATABASE_URL that does not answer, with the embedded bots: each
// layer fails once, naming the variable and the fix, its password never
// shown. L01's offline tests still run; its first live test is the one
// failure.
func wrongDatabase(t *testing.T, root, bin string) {
	const password = "not-the-right-pw"
	runs := runLayers(t, root, bin, map[string]string{"CAAS_DATABASE_URL": "postgres://postgres:" + password + "@" + closedAddress(t) + "/postgres"})
	assertOneFailureNaming(t, runs, "CAAS_DATABASE_URL (", password)
	for _, r := range runs {
		assert.Contains(t, r.output, "correct it, or unset it", "%s gives the fix", r.layer)
	}
}

// -list and a -run that matches nothing need no bot, so a broken
// environment does not fail them.
func noTestNeedsIt(t *testing.T, root, bin string) {
	env := map[string]string{"CAAS_DATABASE_URL": "postgres://postgres@" + closedAddress(t) + "/postgres"}
	for _, r := range runLayers(t, root, bin, env, "-test.list", ".") {
		assert.Equal(t, 0, r.code, "%s -test.list: %s", r.layer, r.output)
		assert.Regexp(t, `(?m)^Test`, r.output, "%s lists its tests", r.layer)
	}
	for _, r := range runLayers(t, root, bin, env, "-test.run", "^NoSuchTest$") {
		assert.Equal(t, 0, r.code, "%s -test.run matching nothing: %s", r.layer, r.output)
	}
}

// closedAddress is a loopback address nothing listens on.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}
