package l13sim_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// A score that changed between two plays of the same scenarios would make
// every comparison with the previous run noise: played again on fresh
// phones, each scenario must get the same points for the same findings.
func TestPlayingTheScenariosTwiceGivesTheSameScores(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	first := played(t)
	ctx, cancel := context.WithTimeout(context.Background(), playBudget)
	defer cancel()
	second, err := playBatch(ctx, testutil.Open(t).Target, first.Scenarios, "l13-again")
	require.NoError(t, err)
	for _, sc := range first.Scenarios {
		t.Run(sc.ID, func(t *testing.T) {
			a, b := first.Results[sc.ID], second.Results[sc.ID]
			assert.NotEqual(t, first.Runs[sc.ID].Phone, "", "%s was not played the first time", sc.ID)
			assert.Equal(t, a.Dimensions, b.Dimensions, "%s on %s scored differently when played again:\nfirst:  %s\nsecond: %s", sc.ID, m.Name, scoreLine(a), scoreLine(b))
			assert.Equal(t, a.Total, b.Total)
			assert.Equal(t, signatures(a.Findings), signatures(b.Findings), "%s: the findings differ between two plays", sc.ID)
			ta, tb := first.Transcripts[sc.ID], second.Transcripts[sc.ID]
			if assert.NotNil(t, ta) && assert.NotNil(t, tb) && assert.NotNil(t, ta.End) && assert.NotNil(t, tb.End) {
				assert.Equal(t, ta.End.PhasePath, tb.End.PhasePath, "%s: the database recorded another phase path the second time", sc.ID)
			}
		})
	}
}

// signature is what must not change between two plays of a scenario: a
// finding's evidence may quote a link with a fresh receipt id or port.
type signature struct {
	Dimension judge.Dimension
	Rule      string
	Turn      int
	Points    int
}

func signatures(fs []judge.Finding) []signature {
	out := make([]signature, len(fs))
	for i, f := range fs {
		out[i] = signature{f.Dimension, f.Rule, f.Turn, f.Points}
	}
	return out
}

// The judge reads nothing but the transcript, the scenario and the
// manifest: a recorded transcript judged again, and its report written
// again, gives the same bytes.
func TestARecordedTranscriptJudgedAgainGivesByteIdenticalScoresJSON(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	p := played(t)
	dir := t.TempDir()
	for _, sc := range p.Scenarios {
		t.Run(sc.ID, func(t *testing.T) {
			raw := p.Raw[sc.ID]
			require.NotEmpty(t, raw, "%s has no recorded transcript", sc.ID)
			path := filepath.Join(dir, sc.ID+".jsonl")
			require.NoError(t, os.WriteFile(path, raw, 0o644))
			tr, err := transcript.Read(path)
			require.NoError(t, err)

			want, err := json.Marshal(p.Results[sc.ID])
			require.NoError(t, err)
			got, err := json.Marshal(judge.Score(tr, sc, m))
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), "%s judged again from its file gives another result", sc.ID)

			run := report.Run{Bot: m.Name, RunID: "l13-rejudge", StartedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
				Duration: time.Second, Transcripts: []string{sc.ID + ".jsonl"}}
			var files [2][]byte
			for i := range files {
				again, err := transcript.Read(path)
				require.NoError(t, err)
				run.Results = []judge.Result{judge.Score(again, sc, m)}
				root := filepath.Join(dir, sc.ID, string(rune('a'+i)))
				require.NoError(t, report.Write(root, run))
				files[i], err = os.ReadFile(filepath.Join(report.Dir(root, m.Name, run.RunID), report.ScoresFile))
				require.NoError(t, err)
			}
			assert.Equal(t, string(files[0]), string(files[1]), "%s: scores.json written twice from the same transcript differs", sc.ID)
		})
	}
}
