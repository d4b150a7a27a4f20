package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// Judge scores every transcript of an existing run again and rewrites its
// report (caas sim judge): after the judge's rules changed, or to finish a
// run whose report was never written. Each transcript is judged against the
// scenario the run kept in its scenarios/ directory, else the bot's own.
func Judge(ctx context.Context, opt JudgeOptions) (Summary, error) {
	m := opt.Manifest
	if err := required(m); err != nil {
		return Summary{}, err
	}
	dir := filepath.Clean(opt.RunDir)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Summary{}, usageError("run directory %s does not exist; give a run of %s, e.g. %s", dir, m.Name, filepath.Join(DefaultReportsDir(), m.Name, "<run-id>"))
	}
	runID, botDir := filepath.Base(dir), filepath.Dir(dir)
	if filepath.Base(botDir) != m.Name {
		return Summary{}, usageError("run directory %s is not under a %s directory; reports live in <reports>/%s/<run-id> (give that path, or -bot %s)", dir, m.Name, m.Name, filepath.Base(botDir))
	}
	if err := checkRunID(runID); err != nil {
		return Summary{}, err
	}
	paths, err := filepath.Glob(filepath.Join(dir, runner.TranscriptsDir, "*.jsonl"))
	if err != nil || len(paths) == 0 {
		return Summary{}, usageError("%s holds no transcripts (%s/*.jsonl); play the run first with `caas sim run -bot %s -run-id %s`", dir, runner.TranscriptsDir, m.Name, runID)
	}
	scs, err := scenariosFor(m.Name, opt.ScenarioRoot, dir, paths)
	if err != nil {
		return Summary{}, err
	}
	p := &plan{m: m, runID: runID, reportsRoot: filepath.Dir(botDir), runDir: dir}
	var took time.Duration
	if prev, err := report.ReadScores(filepath.Join(dir, report.ScoresFile)); err == nil {
		took = prev.Duration // the run took what it took; judging again does not change it
	}
	sum := Summary{Bot: m.Name, RunID: runID, Dir: dir}
	return p.judge(ctx, scs, sum, m.Redact, took, stage(opt.Progress))
}

// scenariosFor finds the scenario of every transcript: the run's own copy,
// else the bot's scenario directory under root.
func scenariosFor(bot, root, runDir string, transcripts []string) ([]*scenario.Scenario, error) {
	kept := map[string]*scenario.Scenario{}
	if got, err := scenario.LoadDir(filepath.Join(runDir, ScenariosSubdir)); err == nil || len(got) > 0 {
		for _, sc := range got {
			kept[sc.ID] = sc
		}
	}
	shipped := map[string]*scenario.Scenario{}
	if dir, err := scenario.Dir(root, bot); err == nil {
		got, _ := scenario.LoadDir(dir) // a broken shipped file only matters if it is needed
		for _, sc := range got {
			shipped[sc.ID] = sc
		}
	}
	var scs []*scenario.Scenario
	var errs []error
	for _, p := range transcripts {
		id := strings.TrimSuffix(filepath.Base(p), ".jsonl")
		switch {
		case kept[id] != nil:
			scs = append(scs, kept[id])
		case shipped[id] != nil:
			scs = append(scs, shipped[id])
		default:
			errs = append(errs, fmt.Errorf("%s: no scenario %s in %s or the bot's scenarios; put its file in %s", p, id, filepath.Join(runDir, ScenariosSubdir), filepath.Join(runDir, ScenariosSubdir)))
		}
	}
	return scs, errors.Join(errs...)
}

// judge scores the transcripts of scs in p.runDir, compares them with the
// previous run of the same scenarios and writes the report.
func (p *plan) judge(_ context.Context, scs []*scenario.Scenario, sum Summary, redact func(string) string, took time.Duration, say func(string, ...any)) (Summary, error) {
	var results []judge.Result
	var transcripts []string
	var problems []string
	started := time.Time{}
	var last time.Time
	for _, sc := range scs {
		path := runner.TranscriptPath(p.runDir, sc.ID)
		t, err := transcript.Read(path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: not judged: %v", sc.ID, err))
			continue
		}
		if started.IsZero() || t.Header.StartedAt.Before(started) {
			started = t.Header.StartedAt
		}
		if t.End == nil {
			problems = append(problems, fmt.Sprintf("%s: judged incomplete (no end line): resume the run to finish it", sc.ID))
		} else {
			if t.End.Error != "" {
				problems = append(problems, fmt.Sprintf("%s: %s", sc.ID, t.End.Error))
			}
			if t.End.EndedAt.After(last) {
				last = t.End.EndedAt
			}
		}
		results = append(results, judge.Score(t, sc, p.m))
		rel, _ := filepath.Rel(p.runDir, path)
		transcripts = append(transcripts, filepath.ToSlash(rel))
	}
	sum.Problems = problems
	if len(results) == 0 {
		return sum, fmt.Errorf("no transcript of run %s could be judged:\n  %s", p.runID, strings.Join(problems, "\n  "))
	}
	if started.IsZero() {
		started = time.Now()
	}
	if took == 0 && last.After(started) {
		took = last.Sub(started)
	}
	say("judge: scored %d transcripts", len(results))

	prev, err := previousOfSame(filepath.Join(p.reportsRoot, p.m.Name), p.runID, results)
	if err != nil {
		return sum, err
	}
	run := report.Run{Bot: p.m.Name, RunID: p.runID, StartedAt: started.UTC(), Duration: took, Results: results,
		Previous: prev, Transcripts: transcripts, Redact: redact}
	if prev != nil {
		c := judge.Compare(prev.Results, results)
		run.Comparison = &c
		sum.Comparison = &c
		sum.PreviousRunID = prev.RunID
	}
	if err := report.Write(p.reportsRoot, run); err != nil {
		return sum, err
	}
	sum.Results = sortedResults(results, redact)
	for _, f := range []string{"report.md", "report.html", report.ScoresFile} {
		sum.Files = append(sum.Files, filepath.Join(p.runDir, f))
	}
	for _, sc := range scs {
		sum.Scenarios = append(sum.Scenarios, filepath.Join(p.runDir, ScenariosSubdir, sc.ID+".yaml"))
	}
	sum.Categories = scenario.BatchCategories(scs)
	if failed := len(sum.Problems); failed > 0 {
		return sum, fmt.Errorf("%d problem(s) in run %s (the report is written):\n  %s", failed, p.runID, strings.Join(sum.Problems, "\n  "))
	}
	return sum, nil
}

// previousOfSame is the newest earlier run of the bot that played at least
// one of the same scenarios (report.Previous walked back), or nil.
func previousOfSame(botDir, runID string, results []judge.Result) (*report.Run, error) {
	ids := map[string]bool{}
	for _, r := range results {
		ids[r.ScenarioID] = true
	}
	before := runID
	for range 10000 { // each step is an earlier run: this ends; the bound is a guard
		prev, err := report.Previous(botDir, before)
		if err != nil || prev == nil {
			return nil, err
		}
		for _, r := range prev.Results {
			if ids[r.ScenarioID] {
				return prev, nil
			}
		}
		before = prev.RunID
	}
	return nil, nil
}

// sortedResults are results by scenario id, their texts redacted, as the
// report writes them.
func sortedResults(in []judge.Result, redact func(string) string) []judge.Result {
	out := make([]judge.Result, len(in))
	copy(out, in)
	sort.Slice(out, func(i, j int) bool { return out[i].ScenarioID < out[j].ScenarioID })
	for i := range out {
		fs := make([]judge.Finding, len(out[i].Findings))
		for k, f := range out[i].Findings {
			f.Evidence, f.Message = redact(f.Evidence), redact(f.Message)
			fs[k] = f
		}
		out[i].Findings = fs
		out[i].Persona = redact(out[i].Persona)
	}
	return out
}
