package main

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/sim/runner/runnertest"
)

const silentScenario = "testdata/scenarios/fakebot/waiting-wendy.yaml"

// clearSimEnv unsets the sim flags' twins, so that the test's command line
// is all there is.
func clearSimEnv(t *testing.T) {
	for _, env := range []string{envBot, envSeed, envRunID, envConcurrency, envQuiet, envDefects, envReports, envMinScore, envFailOn, "CAAS_SCENARIOS_DIR"} {
		t.Setenv(env, "")
	}
}

// simRun runs caas sim run in-process and returns its exit code and stderr.
func simRun(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var code int
	stderr := captureStderr(t, func() {
		saved := os.Stdout
		os.Stdout, _ = os.OpenFile(os.DevNull, os.O_WRONLY, 0) // the summary; the verdict is on stderr
		defer func() { os.Stdout.Close(); os.Stdout = saved }()
		code = run(context.Background(), append([]string{"sim", "run", "-quiet", "-reports", t.TempDir()}, args...))
	})
	return code, stderr
}

func TestSimRunExitCodes(t *testing.T) {
	clearSimEnv(t)

	// The silent bot's scenario against each gate: the flags, their twins.
	silent := []struct {
		name  string
		env   map[string]string
		flags []string
		code  int
		want  string // on stderr
	}{
		{"a bot that never answers scores below the default threshold and fails the run with exit 1", nil, nil,
			exitFailed, ", below the threshold of 70 ("},
		{"a score below -min-score alone fails the run with exit 1", nil, []string{"-fail-on", "none", "-min-score", "80"},
			exitFailed, ", below the threshold of 80 ("},
		{"the thresholds' environment twins do the same", map[string]string{envFailOn: "none", envMinScore: "80"}, nil,
			exitFailed, ", below the threshold of 80 ("},
		{"the same silent run with no gate at all exits 0: the gate is what fails it", nil, []string{"-fail-on", "none", "-min-score", "0"},
			exitOK, ""},
	}
	for _, c := range silent {
		t.Run(c.name, func(t *testing.T) {
			runnertest.Start(t, runnertest.Options{}).SetEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, stderr := simRun(t, append(append([]string{"-bot", runnertest.Name}, c.flags...), silentScenario)...)
			assert.Equal(t, c.code, code, stderr)
			assert.Contains(t, stderr, c.want)
			if c.code == exitFailed {
				assert.Contains(t, stderr, "FAIL: ")
				assert.Contains(t, stderr, "waiting-wendy scored ")
			}
		})
	}

	t.Run("a run whose every scenario errored has no verdict: exit 3", func(t *testing.T) {
		runnertest.Start(t, runnertest.Options{}).SetEnv(t)
		t.Setenv("CAAS_FAKEBOT_APP_SECRET", "app_not_the_bots_secret") // the bot refuses every signature
		code, stderr := simRun(t, "-bot", runnertest.Name, silentScenario)
		assert.Equal(t, exitNoResult, code, stderr)
		assert.Contains(t, stderr, "no verdict: 1 scenario(s) errored")
		assert.NotContains(t, stderr, "app_not_the_bots_secret", "a secret is never printed")
	})

	t.Run("a bot whose database does not answer is the environment's fault: exit 3", func(t *testing.T) {
		runnertest.Start(t, runnertest.Options{}).SetEnv(t)
		t.Setenv("CAAS_FAKEBOT_DSN", "postgres://postgres@127.0.0.1:1/fakebot?sslmode=disable") // nothing listens on port 1
		code, stderr := simRun(t, "-bot", runnertest.Name, silentScenario)
		assert.Equal(t, exitNoResult, code, stderr)
		assert.Contains(t, stderr, "starting fakebot (local target)")
	})

	t.Run("a clean bot that does what its scenario expects exits 0", func(t *testing.T) {
		code, stderr := simRun(t, "-bot", "cambialeon", "../../sim/scenarios/cambialeon/grandma-carmen.yaml")
		assert.Equal(t, exitOK, code, stderr)
	})

	t.Run("bad gate flags are usage errors: exit 2", func(t *testing.T) {
		for _, args := range [][]string{{"-min-score", "101"}, {"-fail-on", "critical"}} {
			code, stderr := simRun(t, append([]string{"-bot", "cambialeon"}, args...)...)
			assert.Equal(t, exitUsage, code, stderr)
		}
	})
}
