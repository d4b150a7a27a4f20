package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/pipeline"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

const brief = "5 asymmetric scenarios"

func files(t *testing.T, pattern string) []string {
	t.Helper()
	got, err := filepath.Glob(pattern)
	require.NoError(t, err)
	return got
}

func TestPipeline(t *testing.T) {
	ctx := context.Background()
	reports := t.TempDir()
	opt := pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: brief, RunID: "first", ReportsDir: reports, Server: testutil.DatabaseServer()}
	runDir := filepath.Join(reports, "cambialeon", "first")

	var first pipeline.Summary
	t.Run("a brief becomes a judged report in the run's own directory", func(t *testing.T) {
		var progress bytes.Buffer
		o := opt
		o.Progress = &progress
		sum, err := pipeline.Run(ctx, o)
		require.NoError(t, err)
		first = sum
		assert.Equal(t, runDir, sum.Dir)
		require.Len(t, sum.Results, 5)
		assert.GreaterOrEqual(t, len(sum.Categories), 3)
		assert.Len(t, files(t, filepath.Join(runDir, "scenarios", "*.yaml")), 5, "the written scenarios stay with the run")
		assert.Len(t, files(t, filepath.Join(runDir, "transcripts", "*.jsonl")), 5)
		for _, f := range []string{"report.md", "report.html", "scores.json"} {
			assert.FileExists(t, filepath.Join(runDir, f))
		}
		scores, err := report.ReadScores(filepath.Join(runDir, "scores.json"))
		require.NoError(t, err)
		assert.Len(t, scores.Results, 5)
		assert.Nil(t, sum.Comparison, "a first run has nothing to compare with")
		assert.Contains(t, progress.String(), "writer: 5 scenarios")
		assert.Contains(t, progress.String(), "judge: scored 5 transcripts")

		var out bytes.Buffer
		sum.Print(&out)
		assert.Contains(t, out.String(), "| scenario")
		assert.Contains(t, out.String(), "score /10")
		assert.Contains(t, out.String(), filepath.Join(runDir, "report.html"))
	})

	t.Run("the same run id resumes: finished scenarios are not played again", func(t *testing.T) {
		require.NotEmpty(t, first.Results)
		sum, err := pipeline.Run(ctx, opt)
		require.NoError(t, err)
		assert.Equal(t, 5, sum.Run.Skipped)
		assert.Equal(t, first.Results, sum.Results, "the same transcripts give the same scores")
	})

	t.Run("the next run of the same scenarios is compared with the previous one", func(t *testing.T) {
		o := opt
		o.RunID = "second"
		o.Target = shared(t, "cambialeon")
		sum, err := pipeline.Run(ctx, o)
		require.NoError(t, err)
		assert.Equal(t, "first", sum.PreviousRunID)
		require.NotNil(t, sum.Comparison)
		assert.Len(t, sum.Comparison.Deltas, 5)
		assert.Empty(t, sum.Comparison.Regressions)
		var out bytes.Buffer
		sum.Print(&out)
		assert.Contains(t, out.String(), "compared with run first: 0 regressed, 0 improved, 5 unchanged")
	})

	t.Run("a run with a seeded defect is not compared with the clean runs, and quotes the leak", func(t *testing.T) {
		o := opt
		o.RunID = "third"
		o.Defects = "provider-leak"
		sum, err := pipeline.Run(ctx, o)
		require.NoError(t, err)
		assert.Nil(t, sum.Comparison, "no regressions across runs with different defects")
		require.NotNil(t, sum.Uncompared)
		assert.Equal(t, "not comparable with run second: defects differ (none → provider-leak)", sum.Uncompared.String())
		require.NotNil(t, sum.Identity)
		assert.Equal(t, []string{"provider-leak"}, sum.Identity.Defects, "the run records what it ran against")
		var quotes []string
		for _, r := range sum.Results {
			for _, f := range r.Findings {
				if f.Rule == "forbidden-disclosure" {
					quotes = append(quotes, f.Evidence)
				}
			}
		}
		require.NotEmpty(t, quotes, "the leak is a finding")
		assert.Regexp(t, `Iberdrola|Endesa|Naturgy|Repsol|TotalEnergies|Holaluz`, quotes[0])
		var out bytes.Buffer
		sum.Print(&out)
		assert.Contains(t, out.String(), "compared with: nothing: not comparable with run second: defects differ (none → provider-leak)")
		assert.NotContains(t, out.String(), "REGRESSED")
		scores, err := report.ReadScores(filepath.Join(reports, "cambialeon", "third", "scores.json"))
		require.NoError(t, err)
		require.NotNil(t, scores.Identity, "scores.json carries the run's identity")
		assert.Equal(t, []string{"provider-leak"}, scores.Identity.Defects)
		assert.Len(t, scores.Identity.Scenarios, 5)
		assert.Len(t, scores.Identity.ManifestSHA256, 64)
		assert.Equal(t, "embedded", scores.Identity.Target)
		assert.NotEmpty(t, scores.Identity.ToolVersion)
	})

	t.Run("the next clean run is compared with the newest clean one, skipping the defect run", func(t *testing.T) {
		o := opt
		o.RunID = "fourth"
		o.Target = shared(t, "cambialeon")
		sum, err := pipeline.Run(ctx, o)
		require.NoError(t, err)
		assert.Equal(t, "second", sum.PreviousRunID)
		require.NotNil(t, sum.Skipped)
		assert.Equal(t, "third", sum.Skipped.RunID)
		require.NotNil(t, sum.Comparison)
		assert.Empty(t, sum.Comparison.Regressions)
	})

	t.Run("resuming a run with other seeded defects is refused", func(t *testing.T) {
		o := opt
		o.RunID = "third"
		_, err := pipeline.Run(ctx, o)
		require.ErrorIs(t, err, pipeline.ErrUsage)
		assert.Contains(t, err.Error(), "run third was started with seeded defects provider-leak, not none")
	})

	t.Run("re-judging a run rewrites its report from its transcripts", func(t *testing.T) {
		require.NoError(t, os.Remove(filepath.Join(runDir, "report.md")))
		require.NoError(t, os.Remove(filepath.Join(runDir, "scores.json")))
		sum, err := pipeline.Judge(ctx, pipeline.JudgeOptions{Manifest: manifest(t, "cambialeon"), RunDir: runDir})
		require.NoError(t, err)
		assert.Equal(t, first.Results, sum.Results)
		assert.FileExists(t, filepath.Join(runDir, "report.md"))
		assert.FileExists(t, filepath.Join(runDir, "scores.json"))
	})

	t.Run("a run id that played another batch is refused", func(t *testing.T) {
		o := opt
		o.Brief = "3 security scenarios seed 9"
		_, err := pipeline.Run(ctx, o)
		require.ErrorIs(t, err, pipeline.ErrUsage)
		assert.Contains(t, err.Error(), "already played other scenarios")
	})
}

func TestPipelineFailures(t *testing.T) {
	ctx := context.Background()

	t.Run("a run whose customer fails is errored, not scored, and still writes its report", func(t *testing.T) {
		reports := t.TempDir()
		sum, err := pipeline.Run(ctx, pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: brief, RunID: "r", ReportsDir: reports,
			Customer: failingCustomer{atTurn: 3}, Target: shared(t, "cambialeon")})
		require.ErrorIs(t, err, pipeline.ErrErrored)
		assert.False(t, errors.Is(err, pipeline.ErrUsage))
		assert.Contains(t, err.Error(), "the report is written")
		assert.Empty(t, sum.Results, "an errored scenario has no score")
		require.Len(t, sum.Errored, 5)
		assert.Contains(t, sum.Errored[0].Cause, "turn 3: the customer: out of words")
		assert.FileExists(t, filepath.Join(reports, "cambialeon", "r", "scores.json"))
	})

	t.Run("an interrupted run keeps its transcripts, writes no report, and resumes", func(t *testing.T) {
		reports := t.TempDir()
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_, err := pipeline.Run(cctx, pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: brief, RunID: "r", ReportsDir: reports,
			Concurrency: 1, Customer: cancellingCustomer{atTurn: 2, cancel: cancel}, Target: shared(t, "cambialeon")})
		require.ErrorIs(t, err, context.Canceled)
		runDir := filepath.Join(reports, "cambialeon", "r")
		assert.NoFileExists(t, filepath.Join(runDir, "scores.json"), "an unfinished run is not a run to compare with")
		paths := files(t, filepath.Join(runDir, "transcripts", "*.jsonl"))
		require.NotEmpty(t, paths)
		tr, err := transcript.Read(paths[0])
		require.NoError(t, err)
		assert.Nil(t, tr.End)

		sum, err := pipeline.Run(ctx, pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: brief, RunID: "r", ReportsDir: reports, Target: shared(t, "cambialeon")})
		require.NoError(t, err)
		assert.Len(t, sum.Results, 5)
		assert.Equal(t, 1, countReplayed(sum.Run))
	})

	usage := []struct {
		name string
		run  func() error
		want string
	}{
		{"a call without a manifest", func() error {
			_, err := pipeline.Run(ctx, pipeline.Options{Brief: brief, ReportsDir: t.TempDir()})
			return err
		}, "no manifest"},
		{"a run id that is not a directory name", func() error {
			_, err := pipeline.Run(ctx, pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: brief, RunID: "../up", ReportsDir: t.TempDir()})
			return err
		}, `run id "../up"`},
		{"a brief for another bot", func() error {
			_, err := pipeline.Run(ctx, pipeline.Options{Manifest: manifest(t, "cambialeon"), Brief: "5 scenarios for voyachat", ReportsDir: t.TempDir()})
			return err
		}, "voyachat"},
		{"a scenario path that does not exist", func() error {
			_, err := pipeline.Play(ctx, pipeline.PlayOptions{Manifest: manifest(t, "cambialeon"), Scenarios: []string{"/nonexistent/x.yaml"}, ReportsDir: t.TempDir()})
			return err
		}, "/nonexistent/x.yaml"},
		{"judging a directory that is not a run", func() error {
			_, err := pipeline.Judge(ctx, pipeline.JudgeOptions{Manifest: manifest(t, "cambialeon"), RunDir: t.TempDir()})
			return err
		}, "is not under a cambialeon directory"},
	}
	for _, c := range usage {
		t.Run(c.name+" is a usage error that says what to do", func(t *testing.T) {
			err := c.run()
			require.ErrorIs(t, err, pipeline.ErrUsage)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestWriteAndPlay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	scs, err := pipeline.Write(ctx, pipeline.WriteOptions{Manifest: manifest(t, "voyachat"), Brief: "3 security scenarios", Seed: 7, Out: dir})
	require.NoError(t, err)
	require.Len(t, scs, 3)
	for _, sc := range scs {
		assert.FileExists(t, sc.Path)
	}

	t.Run("writing the same batch again overwrites nothing", func(t *testing.T) {
		_, err := pipeline.Write(ctx, pipeline.WriteOptions{Manifest: manifest(t, "voyachat"), Brief: "3 security scenarios", Seed: 7, Out: dir})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "exists")
	})

	t.Run("written files are played, judged and kept with the run", func(t *testing.T) {
		reports := t.TempDir()
		sum, err := pipeline.Play(ctx, pipeline.PlayOptions{Manifest: manifest(t, "voyachat"), Scenarios: []string{dir}, RunID: "p", ReportsDir: reports, Target: shared(t, "voyachat")})
		require.NoError(t, err)
		require.Len(t, sum.Results, 3)
		for _, sc := range scs {
			kept, err := scenario.Load(filepath.Join(reports, "voyachat", "p", "scenarios", sc.ID+".yaml"))
			require.NoError(t, err)
			assert.Equal(t, sc.Opening, kept.Opening)
		}
	})

	t.Run("a run resumed after its scenario file changed is refused", func(t *testing.T) {
		reports := t.TempDir()
		_, err := pipeline.Play(ctx, pipeline.PlayOptions{Manifest: manifest(t, "voyachat"), Scenarios: []string{scs[0].Path}, RunID: "p", ReportsDir: reports, Target: shared(t, "voyachat")})
		require.NoError(t, err)
		data, err := os.ReadFile(scs[0].Path)
		require.NoError(t, err)
		edited := filepath.Join(t.TempDir(), filepath.Base(scs[0].Path))
		changed := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(data), "title: Edited after the run started")
		require.NoError(t, os.WriteFile(edited, []byte(changed), 0o644))
		sc, err := scenario.Load(edited)
		require.NoError(t, err)
		require.Equal(t, "Edited after the run started", sc.Title)
		_, err = pipeline.Play(ctx, pipeline.PlayOptions{Manifest: manifest(t, "voyachat"), Scenarios: []string{edited}, RunID: "p", ReportsDir: reports, Target: shared(t, "voyachat")})
		require.ErrorIs(t, err, pipeline.ErrUsage)
		assert.Contains(t, err.Error(), "differs from scenario")
	})
}

func countReplayed(s runner.Summary) int {
	n := 0
	for _, r := range s.Scenarios {
		if r.Replayed {
			n++
		}
	}
	return n
}
