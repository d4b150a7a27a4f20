package l10regression_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/regression"
	"github.com/caas-testing/caas-testing/strictyaml"
)

var (
	rowsOnce sync.Once
	rowsAll  []*regression.Row
	rowsErr  error
)

// loadRows reads every row once per test binary, failing the test when one
// does not read (TestEveryRegressionRowIsWellFormed lists why).
func loadRows(t testing.TB) []*regression.Row {
	t.Helper()
	rowsOnce.Do(func() {
		var dir string
		if dir, rowsErr = regression.Dir(); rowsErr == nil {
			rowsAll, rowsErr = regression.LoadDir(dir)
		}
	})
	require.NoError(t, rowsErr)
	return rowsAll
}

// The bugs the catalog names from the seed's first real run: the rows a
// promoted bug joins, and that may never go.
var seedRows = []string{"provider-names-before-comparison", "consent-without-retention-period", "commission-model-before-comparison"}

func TestEveryRegressionRowIsWellFormed(t *testing.T) {
	t.Parallel()
	dir, err := regression.Dir()
	require.NoError(t, err)
	rows, err := regression.LoadDir(dir)
	var probs strictyaml.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			t.Error(p)
		}
	} else {
		require.NoError(t, err)
	}
	for _, p := range regression.Validate(rows, repoBots(t)) {
		t.Error(p)
	}
	for _, id := range seedRows {
		if !slices.ContainsFunc(rows, func(r *regression.Row) bool { return r.ID == id }) {
			t.Errorf("regression/rows/%s.yaml is gone: a named bug is never deleted (restore it from git)", id)
		}
	}
}

// repoBots lists the bots of this repository's bots/ folder: the rows name
// the products the bugs were found on, whatever CAAS_BOTS_DIR points at.
func repoBots(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "bots", "*.yaml"))
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, "example") {
			continue
		}
		out = append(out, name)
	}
	require.NotEmpty(t, out, "no manifests in the repository's bots/ folder")
	return out
}
