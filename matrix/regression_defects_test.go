package matrix

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/refbot/defect"
	"github.com/caas-testing/caas-testing/regression"
)

// A regression row names the reference bot's seeded defect that reproduces
// its bug, so that the bug can be shown caught. The check lives here, where
// the list of seeded defects may be read: the layers may not import refbot.
func TestEveryRegressionRowNamesASeededDefect(t *testing.T) {
	dir, err := regression.Dir()
	require.NoError(t, err)
	rows, err := regression.LoadDir(dir)
	require.NoError(t, err, "layers/L10_regression's TestEveryRegressionRowIsWellFormed says more")
	for _, r := range rows {
		if r.Defect == "" {
			continue
		}
		assert.True(t, slices.Contains(defect.Names(), r.Defect), "%s: defect: %q is not a seeded defect of the reference bot; name one of %v", r.File, r.Defect, defect.Names())
	}
}
