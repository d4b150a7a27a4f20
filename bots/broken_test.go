package bots_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/golden"
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

// Each file under testdata/broken says, in "# want:" header lines, every
// problem loading it must report, in full and in order; "# never:" lines
// are texts (secret values) no problem may quote. -update rewrites the want
// lines from what the loader says now, so a change of wording is a diff.
func TestEveryBrokenManifestIsRejectedWithFileLineFieldAndFix(t *testing.T) {
	unsetTestdataVars(t)
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30, "the broken manifests are missing")
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			_, err := repo.LoadFile(path)
			require.Error(t, err, "a broken manifest loaded without complaint")
			var probs bots.Problems
			require.True(t, errors.As(err, &probs), "the error is not a bots.Problems: %v", err)
			got := make([]string, len(probs))
			for i, p := range probs {
				got[i] = p.Error()
			}
			golden.CheckHeader(t, path, "want", got)
			for _, never := range golden.Header(t, path, "never") {
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
