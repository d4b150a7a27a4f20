package l13sim_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// knownBadDir holds recorded transcripts of defective bots and the table
// of what the judge must make of them.
var knownBadDir = filepath.Join("testdata", "known-bad")

// knownBad is one row of testdata/known-bad/known-bad.yaml.
type knownBad struct {
	Transcript string          `yaml:"transcript"` // relative to knownBadDir: <bot>/<scenario>.<defect>.jsonl
	Scenario   string          `yaml:"scenario"`
	Defect     string          `yaml:"defect"` // the seeded defect it was recorded with
	Dimension  judge.Dimension `yaml:"dimension"`
	AtMost     int             `yaml:"at_most"` // points the dimension may keep
	Rule       string          `yaml:"rule"`
	Evidence   string          `yaml:"evidence"` // a piece its evidence must quote
}

func knownBadRows(t *testing.T, bot string) []knownBad {
	t.Helper()
	path := filepath.Join(knownBadDir, "known-bad.yaml")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var rows []knownBad
	require.NoError(t, yaml.Unmarshal(data, &rows), "%s", path)
	var mine []knownBad
	for _, r := range rows {
		if strings.HasPrefix(r.Transcript, bot+"/") {
			mine = append(mine, r)
		}
	}
	return mine
}

// A judge that scored a known defect well would let the sim wave it into
// production: each recorded bad conversation must lose most on the
// dimension its defect belongs to, with the rule and the quote that say why.
func TestAKnownBadTranscriptScoresLowOnTheRightDimension(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	rows := knownBadRows(t, m.Name)
	if len(rows) == 0 {
		t.Skipf("%s has no known-bad transcript under %s/%s (record one with caas sim run -defects)", m.Name, knownBadDir, m.Name)
	}
	byID := map[string]*scenario.Scenario{}
	for _, sc := range batch(t) {
		byID[sc.ID] = sc
	}
	for _, row := range rows {
		t.Run(strings.TrimSuffix(filepath.Base(row.Transcript), ".jsonl"), func(t *testing.T) {
			sc := byID[row.Scenario]
			require.NotNil(t, sc, "%s: no scenario %s among %s's", row.Transcript, row.Scenario, m.Name)
			tr, err := transcript.Read(filepath.Join(knownBadDir, row.Transcript))
			require.NoError(t, err)
			_, err = judge.ParseDimension(string(row.Dimension))
			require.NoError(t, err, "%s: the table names an unknown dimension", row.Transcript)

			res := judge.Score(tr, sc, m)
			t.Log(scoreLine(res))
			got := res.Dimensions.Get(row.Dimension)
			assert.LessOrEqual(t, got, row.AtMost, "%s (recorded with %s): %s kept %d points, want at most %d; findings: %v",
				row.Transcript, row.Defect, row.Dimension, got, row.AtMost, findingLines(res.Findings))
			lost := judge.Weights.Get(row.Dimension) - got
			for _, d := range judge.AllDimensions {
				other := judge.Weights.Get(d) - res.Dimensions.Get(d)
				assert.LessOrEqual(t, other, lost, "%s (recorded with %s): %s lost %d points, more than %s (%d): the judge blames the wrong dimension",
					row.Transcript, row.Defect, d, other, row.Dimension, lost)
			}
			f, ok := findingOf(res, row.Dimension, row.Rule)
			require.True(t, ok, "%s (recorded with %s): no %s finding on %s; findings: %v", row.Transcript, row.Defect, row.Rule, row.Dimension, findingLines(res.Findings))
			assert.Contains(t, f.Evidence, row.Evidence, "%s: the finding's evidence does not quote the transcript: %s", row.Transcript, findingLine(f))
			assert.Positive(t, f.Turn, "%s: the finding names no turn: %s", row.Transcript, findingLine(f))
		})
	}
}

// findingOf is the first finding of rule on dimension that costs points.
func findingOf(r judge.Result, dim judge.Dimension, rule string) (judge.Finding, bool) {
	for _, f := range r.Findings {
		if f.Dimension == dim && f.Rule == rule && f.Points > 0 {
			return f, true
		}
	}
	return judge.Finding{}, false
}

func findingLines(fs []judge.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = findingLine(f)
	}
	return out
}
