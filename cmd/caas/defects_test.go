package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDefectsRefusesBadArgumentsWithExitCode2(t *testing.T) {
	for _, env := range []string{envBot, envMatrixLayers, envMatrixDefects, envMatrixScope, envMatrixParallel, envMatrixTimeout, envMatrixJSON, envMatrixVerbose} {
		t.Setenv(env, "")
	}
	cases := []usageCase{
		{"an unknown bot", nil, []string{"defects", "-bot", "nosuchbot"}, `unknown bot "nosuchbot"`},
		{"an unknown layer", nil, []string{"defects", "-layers", "04,99"}, `unknown layer "99"`},
		{"an unknown defect", nil, []string{"defects", "-defects", "provider-leak,nosuchdefect"}, `unknown defect "nosuchdefect"`},
		{"an unknown scope", nil, []string{"defects", "-scope", "most"}, `unknown scope "most"`},
		{"a negative parallelism", nil, []string{"defects", "-parallel", "-1"}, "-parallel -1"},
		{"an argument", nil, []string{"defects", "all"}, `unexpected argument "all"`},
		{"an unknown flag", nil, []string{"defects", "-fast"}, "flag provided but not defined: -fast"},
		{"a malformed environment twin", map[string]string{envMatrixParallel: "many"}, []string{"defects"}, `$CAAS_MATRIX_PARALLEL="many": want a whole number`},
		{"a malformed duration twin", map[string]string{envMatrixTimeout: "4"}, []string{"defects"}, `$CAAS_MATRIX_TIMEOUT="4": want a duration`},
		{"an unknown bot from the environment", map[string]string{envBot: "nosuchbot"}, []string{"defects"}, `unknown bot "nosuchbot"`},
	}
	assertUsageErrors(t, cases)
}

func TestDefectsHelpNamesEveryEnvironmentTwin(t *testing.T) {
	stderr := captureStderr(t, func() {
		assert.Equal(t, 0, run(context.Background(), []string{"defects", "-h"}))
	})
	for _, env := range []string{envBot, envMatrixLayers, envMatrixDefects, envMatrixScope, envMatrixParallel, envMatrixTimeout, envMatrixJSON, envMatrixVerbose} {
		assert.Contains(t, stderr, "[env "+env+"]")
	}
}
