package judge

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current scores")

// The golden file is the review surface for rule changes: a change in any
// score or finding shows up as a diff of testdata/scores.golden.
func TestScoresMatchTheGoldenFile(t *testing.T) {
	var results []Result
	for _, fx := range fixtures(t) {
		results = append(results, scoreFixture(t, fx.bot, fx.id))
	}
	got, err := json.MarshalIndent(results, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "scores.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./sim/judge -run TestScoresMatchTheGoldenFile -update to create it")
	assert.Equal(t, string(want), string(got), "scores changed; if on purpose, rerun with -update and review the diff")
}
