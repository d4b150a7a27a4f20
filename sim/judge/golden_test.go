package judge

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/golden"
)

// The golden file is the review surface for rule changes: a change in any
// score or finding shows up as a diff of testdata/scores.golden.
func TestScoresMatchTheGoldenFile(t *testing.T) {
	var results []Result
	for _, fx := range fixtures(t) {
		results = append(results, scoreFixture(t, fx.bot, fx.id))
	}
	got, err := json.MarshalIndent(results, "", "  ")
	require.NoError(t, err)
	golden.Check(t, filepath.Join("testdata", "scores.golden"), append(got, '\n'))
}
