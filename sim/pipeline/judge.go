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
	id, err := readIdentity(dir)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Bot: m.Name, RunID: runID, Dir: dir}
	return p.judge(ctx, scs, sum, id, m.Redact, took, stage(opt.Progress))
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
// newest earlier comparable run and writes the report. A transcript that
// is errored (transcript.Transcript.Errored) or unreadable is not scored:
// it is listed with its cause, left out of the averages and the
// comparison, and the call returns ErrErrored once the report is written.
func (p *plan) judge(_ context.Context, scs []*scenario.Scenario, sum Summary, id *report.Identity, redact func(string) string, took time.Duration, say func(string, ...any)) (Summary, error) {
	var results []judge.Result
	var errored []report.Errored
	var transcripts []string
	started := time.Time{}
	var last time.Time
	for _, sc := range scs {
		path := runner.TranscriptPath(p.runDir, sc.ID)
		t, err := transcript.Read(path)
		if err != nil {
			errored = append(errored, report.Errored{ID: sc.ID, Cause: "its transcript could not be read: " + err.Error()})
			continue
		}
		if started.IsZero() || t.Header.StartedAt.Before(started) {
			started = t.Header.StartedAt
		}
		if t.End != nil && t.End.EndedAt.After(last) {
			last = t.End.EndedAt
		}
		rel, _ := filepath.Rel(p.runDir, path)
		transcripts = append(transcripts, filepath.ToSlash(rel))
		if cause, bad := t.Errored(); bad {
			errored = append(errored, report.Errored{ID: sc.ID, Cause: cause})
			continue
		}
		results = append(results, judge.Score(t, sc, p.m))
	}
	if started.IsZero() {
		started = time.Now()
	}
	if took == 0 && last.After(started) {
		took = last.Sub(started)
	}
	say("judge: scored %d transcripts, %d errored", len(results), len(errored))

	run := report.Run{Bot: p.m.Name, RunID: p.runID, StartedAt: started.UTC(), Duration: took, Results: results,
		Transcripts: transcripts, Redact: redact, Identity: id, Errored: errored}
	if err := p.compare(&run, &sum); err != nil {
		return sum, err
	}
	if err := report.Write(p.reportsRoot, run); err != nil {
		return sum, err
	}
	sum.Identity, sum.Uncompared = id, run.Uncompared
	sum.Results = sortedResults(results, redact)
	for _, e := range errored {
		sum.Errored = append(sum.Errored, report.Errored{ID: e.ID, Cause: redact(e.Cause)})
	}
	for _, f := range []string{"report.md", "report.html", report.ScoresFile} {
		sum.Files = append(sum.Files, filepath.Join(p.runDir, f))
	}
	for _, sc := range scs {
		sum.Scenarios = append(sum.Scenarios, filepath.Join(p.runDir, ScenariosSubdir, sc.ID+".yaml"))
	}
	sum.Categories = scenario.BatchCategories(scs)
	if n := len(sum.Errored); n > 0 {
		lines := make([]string, n)
		for i, e := range sum.Errored {
			lines[i] = e.ID + ": " + e.Cause
		}
		return sum, fmt.Errorf("%w: %d of %d scenarios of run %s (the report is written; they are not scored): resume with the same run id to play them again:\n  %s",
			ErrErrored, n, len(scs), p.runID, strings.Join(lines, "\n  "))
	}
	return sum, nil
}

// compare finds the newest earlier run of the bot that played any of the
// same scenarios and that is comparable with this one (the same bot,
// scenario set and seeded defects: report.Identity.Differences) and
// compares the scored scenarios of both. When the newest such run is not
// comparable it is named, with what differs, and nothing is called a
// regression against it; an older comparable run is compared instead if
// there is one.
func (p *plan) compare(run *report.Run, sum *Summary) error {
	if run.Identity == nil {
		return nil // an older run re-judged: nothing to compare it by
	}
	ids := map[string]bool{}
	for _, r := range run.Results {
		ids[r.ScenarioID] = true
	}
	for _, e := range run.Errored {
		ids[e.ID] = true
	}
	botDir := filepath.Join(p.reportsRoot, p.m.Name)
	before := p.runID
	for range 10000 { // each step is an earlier run: this ends; the bound is a guard
		prev, err := report.Previous(botDir, before)
		if err != nil || prev == nil {
			return err
		}
		before = prev.RunID
		if !playedAny(prev, ids) {
			continue
		}
		var had report.Identity
		if prev.Identity != nil {
			had = *prev.Identity
		}
		if diff := run.Identity.Differences(had); len(diff) > 0 {
			if run.Uncompared == nil {
				run.Uncompared = &report.Uncompared{RunID: prev.RunID, Differences: diff}
			}
			continue
		}
		if run.Uncompared != nil {
			sum.Skipped = run.Uncompared
			run.Uncompared = nil
		}
		c := compareScored(prev, run)
		run.Previous, run.Comparison = prev, &c
		sum.Comparison, sum.PreviousRunID = &c, prev.RunID
		sum.Changes = run.Identity.Changes(had)
		return nil
	}
	return nil
}

func playedAny(r *report.Run, ids map[string]bool) bool {
	for _, res := range r.Results {
		if ids[res.ScenarioID] {
			return true
		}
	}
	for _, e := range r.Errored {
		if ids[e.ID] {
			return true
		}
	}
	return false
}

// compareScored compares the scenarios both runs scored: a scenario
// errored in either run is neither a regression nor new nor removed.
func compareScored(prev *report.Run, cur *report.Run) judge.Comparison {
	erroredNow, erroredThen := erroredIDs(cur), erroredIDs(prev)
	var before []judge.Result
	for _, r := range prev.Results {
		if !erroredNow[r.ScenarioID] {
			before = append(before, r)
		}
	}
	var now []judge.Result
	for _, r := range cur.Results {
		if !erroredThen[r.ScenarioID] {
			now = append(now, r)
		}
	}
	return judge.Compare(before, now)
}

func erroredIDs(r *report.Run) map[string]bool {
	out := map[string]bool{}
	for _, e := range r.Errored {
		out[e.ID] = true
	}
	return out
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
