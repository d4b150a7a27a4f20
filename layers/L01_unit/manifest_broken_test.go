package l01unit_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/golden"
	"github.com/caas-testing/caas-testing/testutil"
)

// unsetL01Vars makes the variables the testdata manifests reference unset,
// whatever the shell exports.
func unsetL01Vars(t *testing.T) {
	for _, v := range []string{"CAAS_L01_APP_SECRET", "CAAS_L01_VERIFY_TOKEN", "CAAS_L01_STRIPE_SECRET", "CAAS_L01_DSN", "CAAS_L01_CANARY"} {
		t.Setenv(v, "")
	}
}

// Each file under testdata/broken is base.yaml with one thing broken; its
// "# want:" header lines are every problem loading it must report, in full
// and in order, and "# never:" lines are secret values no problem may
// quote. -update rewrites the want lines from what the loader says now.
func TestBrokenManifestsAreRejectedNamingFileFieldAndFix(t *testing.T) {
	unsetL01Vars(t)
	base := filepath.Join("testdata", "valid", "base.yaml")
	_, err := testutil.Bots().LoadFile(base)
	require.NoError(t, err, "%s, which every broken manifest is a copy of, must load", base)

	paths, err := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 12, "the broken manifests are missing from testdata/broken")
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			_, err := testutil.Bots().LoadFile(path)
			probs := problemsOf(t, err)
			file := "layers/L01_unit/testdata/broken/" + filepath.Base(path)
			got := make([]string, len(probs))
			for i, p := range probs {
				assertWellFormed(t, path, file, p)
				got[i] = p.Error()
			}
			golden.CheckHeader(t, path, "want", got)
			for _, never := range golden.Header(t, path, "never") {
				assert.NotContains(t, err.Error(), never, "the message quotes a secret's value")
			}
		})
	}
}
