package regression

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/golden"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// Each file under testdata/broken is a row with something wrong; its
// "# want:" header lines are every problem Load and Problems must report,
// in full and in order (-update rewrites them from what they say now).
func TestEveryBrokenRowIsRefusedNamingFileLineFieldAndFix(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			var probs strictyaml.Problems
			r, err := Load(path)
			if err != nil {
				require.True(t, errors.As(err, &probs), "the error is not a strictyaml.Problems: %v", err)
			} else {
				probs = r.Problems([]string{"cambialeon", "voyachat"})
			}
			require.NotEmpty(t, probs, "a broken row passed")
			got := make([]string, len(probs))
			for i, p := range probs {
				assert.NotEmpty(t, p.Fix, "%s says what is wrong but not how to fix it", p.Error())
				got[i] = p.Error()
			}
			golden.CheckHeader(t, path, "want", got)
		})
	}
}

func TestARowsTestNameIsItsDatePersonaAndID(t *testing.T) {
	r := &Row{ID: "duplicate-reply-on-redelivery", Found: "2026-04-21", Scenario: "Busy Mum Lucía"}
	assert.Equal(t, "2026-04-21_busy-mum-lucia_duplicate-reply-on-redelivery", r.Name())
	r = &Row{ID: "stop-ignored", Found: "2026-04-14", Scenario: "Fed-up Sonia"}
	assert.Equal(t, "2026-04-14_fed-up-sonia_stop-ignored", r.Name())
	assert.Equal(t, "3_keeps_state_asks", Check{Rule: "keeps_state", Step: "asks"}.Name(2))
	assert.Equal(t, "1_reply_language", Check{Rule: "reply_language"}.Name(0))
}

func TestAnEmptyRowsFolderIsAnError(t *testing.T) {
	_, err := LoadDir(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no regression rows")
}

func TestTheShippedRowsAreInTheOneFolderTheRunnerReads(t *testing.T) {
	dir, err := Dir()
	require.NoError(t, err)
	abs, err := filepath.Abs("rows")
	require.NoError(t, err)
	assert.Equal(t, abs, dir)
}
