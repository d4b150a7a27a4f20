package bots_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

// unsetTestdataVars makes sure the variables the testdata manifests
// reference are unset (empty counts as unset), whatever the shell exports.
func unsetTestdataVars(t *testing.T) {
	t.Helper()
	for _, v := range []string{
		"CAAS_TESTDATA_APP_SECRET", "CAAS_TESTDATA_VERIFY_TOKEN", "CAAS_TESTDATA_STRIPE_SECRET",
		"CAAS_TESTDATA_DSN", "CAAS_TESTDATA_CANARY", "CAAS_TESTDATA_UNSET_NAME",
	} {
		t.Setenv(v, "")
	}
}

// expectations reads the "# want: <problem>" and "# never: <text>" lines at
// the top of a broken manifest. A want ending in ":" only fixes the prefix
// (for messages quoted from the YAML parser).
func expectations(t *testing.T, path string) (wants, nevers []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\n") {
		if w, ok := strings.CutPrefix(line, "# want: "); ok {
			wants = append(wants, w)
		}
		if n, ok := strings.CutPrefix(line, "# never: "); ok {
			nevers = append(nevers, n)
		}
	}
	require.NotEmpty(t, wants, "%s: a broken manifest must say, in # want: lines, which problems it expects", path)
	return wants, nevers
}

func TestEveryBrokenManifestIsRejectedWithFileLineFieldAndFix(t *testing.T) {
	unsetTestdataVars(t)
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30, "the broken manifests are missing")
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			wants, nevers := expectations(t, path)
			_, err := repo.LoadFile(path)
			require.Error(t, err, "a broken manifest loaded without complaint")
			var probs bots.Problems
			require.True(t, errors.As(err, &probs), "the error is not a bots.Problems: %v", err)
			got := make([]string, len(probs))
			for i, p := range probs {
				got[i] = p.Error()
			}
			require.Len(t, got, len(wants), "got problems:\n%s", strings.Join(got, "\n"))
			for i, want := range wants {
				if strings.HasSuffix(want, ":") {
					assert.True(t, strings.HasPrefix(got[i], want), "problem %d:\ngot  %s\nwant %s...", i, got[i], want)
					continue
				}
				assert.Equal(t, want, got[i], "problem %d", i)
			}
			for _, never := range nevers {
				assert.NotContains(t, err.Error(), never, "the error quotes what it must not")
			}
		})
	}
}

func TestTheManifestTheBrokenOnesAreCopiedFromIsValid(t *testing.T) {
	unsetTestdataVars(t)
	m, err := repo.LoadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	assert.Equal(t, "tiny", m.Name)
}
