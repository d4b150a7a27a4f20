package l13sim_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// The golden test is only as good as its failure: held against the golden
// file, each known-bad transcript must fail it with the dimension, the
// points, the turn and the quote of the finding that caused the drop, and
// the diff of the golden line; a move within tolerance must not.
func TestAScoreDropBelowTheGoldenFileNamesTheFindingThatCausedIt(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	rows := knownBadRows(t, m.Name)
	if len(rows) == 0 {
		t.Skipf("%s has no known-bad transcript under %s/%s to drop below its golden file", m.Name, knownBadDir, m.Name)
	}
	path := goldenPath(m.Name)
	data, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file for %s; write it with -update", m.Name)
	lines, err := parseGolden(path, data)
	require.NoError(t, err)
	byID := map[string]*scenario.Scenario{}
	for _, sc := range batch(t) {
		byID[sc.ID] = sc
	}
	for _, row := range rows {
		t.Run(strings.TrimSuffix(filepath.Base(row.Transcript), ".jsonl"), func(t *testing.T) {
			want, ok := lines[row.Scenario]
			require.True(t, ok, "%s has no line for %s", path, row.Scenario)
			tr, err := transcript.Read(filepath.Join(knownBadDir, row.Transcript))
			require.NoError(t, err)
			got := judge.Score(tr, byID[row.Scenario], m)
			f, ok := findingOf(got, row.Dimension, row.Rule)
			require.True(t, ok, "%s: no %s finding to quote", row.Transcript, row.Rule)

			msg := checkGolden(want, got)
			require.NotEmpty(t, msg, "%s scored %s against the golden line %q and passed", row.Transcript, scoreLine(got), want.line())
			for _, part := range []string{
				fmt.Sprintf("%s: %d → %d", row.Dimension, want.Dimensions.Get(row.Dimension), got.Dimensions.Get(row.Dimension)),
				fmt.Sprintf("−%d at turn %d", f.Points, f.Turn),
				f.Rule,
				fmt.Sprintf("%q", f.Evidence),
				"- " + want.line(),
				"+ " + goldenLineOf(got).line(),
			} {
				assert.Contains(t, msg, part, "the golden failure does not say %q", part)
			}
		})
	}

	t.Run("a_move_within_tolerance_passes_and_a_rise_beyond_it_asks_for_an_update", func(t *testing.T) {
		var want goldenLine
		for _, g := range lines {
			want = g
			break
		}
		near := judge.Result{ScenarioID: want.ID, Dimensions: want.Dimensions}
		for _, d := range judge.AllDimensions {
			if v := near.Dimensions.Get(d); v >= tolerance {
				near.Dimensions.Set(d, v-tolerance)
				break
			}
		}
		near.Total = near.Dimensions.Sum()
		assert.Empty(t, checkGolden(want, near), "a drop of %d points is within tolerance", tolerance)

		low := goldenLine{ID: want.ID}
		up := judge.Result{ScenarioID: want.ID, Dimensions: judge.Weights, Total: 100}
		assert.Contains(t, checkGolden(low, up), "out of date", "a score far above its golden line must say the file is stale")
	})
}
