package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
)

// captureStderr runs f with os.Stderr sent to a file and returns what it wrote.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	tmp, err := os.CreateTemp(t.TempDir(), "stderr")
	require.NoError(t, err)
	saved := os.Stderr
	os.Stderr = tmp
	defer func() { os.Stderr = saved }()
	f()
	_, err = tmp.Seek(0, io.SeekStart)
	require.NoError(t, err)
	out, err := io.ReadAll(tmp)
	require.NoError(t, err)
	return string(out)
}

func TestSimCommandsRefuseBadArgumentsWithExitCode2(t *testing.T) {
	for _, env := range []string{envBot, envSeed, envRunID, envConcurrency, envQuiet, envDefects, envReports, envMinScore, envFailOn, "CAAS_SCENARIOS_DIR", "CAAS_BOTS_DIR"} {
		t.Setenv(env, "")
	}
	cases := []usageCase{
		{"no bot", nil, []string{"sim", "run"}, "no bot: give -bot NAME or set CAAS_BOT"},
		{"an unknown bot", nil, []string{"sim", "run", "-bot", "nosuchbot"}, `unknown bot "nosuchbot"`},
		{"an unknown bot from the environment", map[string]string{envBot: "nosuchbot"}, []string{"sim", "run"}, `unknown bot "nosuchbot"`},
		{"an unknown flag", nil, []string{"sim", "run", "-bot", "cambialeon", "-fast"}, "flag provided but not defined: -fast"},
		{"a run id that is not a directory name", nil, []string{"sim", "run", "-bot", "cambialeon", "-run-id", "../x"}, `run id "../x"`},
		{"a negative concurrency", nil, []string{"sim", "run", "-bot", "cambialeon", "-concurrency", "-1"}, "-concurrency -1"},
		{"a malformed environment twin", map[string]string{envConcurrency: "many"}, []string{"sim", "run", "-bot", "cambialeon"}, `$CAAS_SIM_CONCURRENCY="many": want a whole number`},
		{"a malformed bool twin", map[string]string{envQuiet: "maybe"}, []string{"sim", "judge", "-bot", "cambialeon"}, `$CAAS_SIM_QUIET="maybe": want true or false`},
		{"a malformed twin whose flag is given, which wins", map[string]string{envConcurrency: "many"}, []string{"sim", "run", "-bot", "cambialeon", "-concurrency", "2", "-run-id", "../x"}, `run id "../x"`},
		{"a bot missing from CAAS_BOTS_DIR", map[string]string{"CAAS_BOTS_DIR": t.TempDir()}, []string{"sim", "run", "-bot", "cambialeon"}, `unknown bot "cambialeon"; known bots in`},
		{"a scenario path that does not exist", nil, []string{"sim", "run", "-bot", "cambialeon", "-scenarios", "/nonexistent"}, "scenarios /nonexistent"},
		{"a write without a brief", nil, []string{"sim", "write", "-bot", "cambialeon"}, "no brief"},
		{"a flag after the brief", nil, []string{"sim", "write", "-bot", "cambialeon", "5 scenarios", "-seed", "3"}, `"-seed" after the arguments: flags go first`},
		{"a brief for another bot", nil, []string{"sim", "write", "-bot", "cambialeon", "5 scenarios for voyachat"}, "voyachat"},
		{"a brief with a word the writer does not understand", nil, []string{"sim", "write", "-bot", "cambialeon", "3 hostle scenarios"}, `does not understand "hostle" (did you mean "hostile"?)`},
		{"a pipeline brief with a word the writer does not understand", nil, []string{"sim", "pipeline", "-bot", "cambialeon", "5 asymetric scenarios"}, `did you mean "asymmetric"?`},
		{"a judge without a run", nil, []string{"sim", "judge", "-bot", "cambialeon"}, "no run: give -run"},
		{"a judge of a missing run", nil, []string{"sim", "judge", "-bot", "cambialeon", "-run", "/nonexistent/cambialeon/x"}, "does not exist"},
		{"a pipeline without a brief", nil, []string{"sim", "pipeline", "-bot", "cambialeon"}, "no brief"},
		{"a threshold above 100", nil, []string{"sim", "run", "-bot", "cambialeon", "-min-score", "101"}, "-min-score 101: give a total between 0 and 100"},
		{"an unknown severity", nil, []string{"sim", "pipeline", "-bot", "cambialeon", "-fail-on", "critical", "5 scenarios"}, `-fail-on "critical" is not a severity; use high, medium, low or none`},
		{"a malformed threshold twin", map[string]string{envMinScore: "seventy"}, []string{"sim", "run", "-bot", "cambialeon"}, `$CAAS_SIM_MIN_SCORE="seventy": want a whole number`},
	}
	assertUsageErrors(t, cases)
}

func TestSimHelpNamesEveryEnvironmentTwin(t *testing.T) {
	stderr := captureStderr(t, func() {
		assert.Equal(t, 0, run(context.Background(), []string{"sim", "pipeline", "-h"}))
	})
	for _, env := range []string{envBot, envSeed, envRunID, envConcurrency, envQuiet, envDefects, envReports, envMinScore, envFailOn} {
		assert.Contains(t, stderr, "[env "+env+"]")
	}
}

func TestSimHelpNeverShowsAnEnvironmentValue(t *testing.T) {
	t.Setenv(envRunID, "run-id-from-the-environment")
	t.Setenv(envDefects, "defects-from-the-environment")
	stderr := captureStderr(t, func() {
		assert.Equal(t, 0, run(context.Background(), []string{"sim", "pipeline", "-h"}))
	})
	assert.NotContains(t, stderr, "from-the-environment")
}

// A written scenario has no golden line yet; in the directory L13 plays it
// would turn L13 red. So without -out the writer drafts beside it.
func TestSimWriteWritesDraftsTheSuiteDoesNotPlay(t *testing.T) {
	t.Setenv(envBot, "")
	t.Setenv(envSeed, "")
	root := t.TempDir()
	t.Setenv(scenario.EnvDir, root)
	var code int
	stderr := captureStderr(t, func() {
		code = run(context.Background(), []string{"sim", "write", "-bot", "voyachat", "-seed", "4", "3 scenarios"})
	})
	require.Equal(t, 0, code, stderr)
	dir, err := scenario.Dir(root, "voyachat")
	require.NoError(t, err)
	assert.Len(t, files(t, filepath.Join(dir, writer.DraftsDir, "*.yaml")), 3)
	assert.Empty(t, files(t, filepath.Join(dir, "*.yaml")), "nothing lands where the suite reads")
	suite, _ := scenario.LoadBot(root, "voyachat") // what L01 and L13 play
	assert.Empty(t, suite, "the suite's loader reads the drafts")
}

func files(t *testing.T, pattern string) []string {
	t.Helper()
	got, err := filepath.Glob(pattern)
	require.NoError(t, err)
	return got
}

func TestSimWriteWritesTheBriefsScenarios(t *testing.T) {
	t.Setenv(envBot, "cambialeon")
	t.Setenv(envSeed, "")
	out := t.TempDir()
	var code int
	stderr := captureStderr(t, func() {
		code = run(context.Background(), []string{"sim", "write", "-seed", "4", "-out", out, "5", "scenarios"})
	})
	require.Equal(t, 0, code, stderr)
	got, err := filepath.Glob(filepath.Join(out, "*.yaml"))
	require.NoError(t, err)
	assert.Len(t, got, 5)
	for _, p := range got {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(data), "bot: cambialeon"), p)
	}
}
