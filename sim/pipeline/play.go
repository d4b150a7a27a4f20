package pipeline

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// Play plays scenario files against the bot, judges the transcripts and
// writes the report (caas sim run).
func Play(ctx context.Context, opt PlayOptions) (Summary, error) {
	m := opt.Manifest
	if err := required(m); err != nil {
		return Summary{}, err
	}
	p, err := newPlan(m, opt.RunID, opt.ReportsDir)
	if err != nil {
		return Summary{}, err
	}
	scs, err := loadScenarios(m, opt.ScenarioRoot, opt.Scenarios)
	if err != nil {
		return Summary{}, err
	}
	return p.play(ctx, scs, playSettings{concurrency: opt.Concurrency, progress: opt.Progress, defects: opt.Defects, server: opt.Server, customer: opt.Customer, target: opt.Target})
}

// plan is where one run goes.
type plan struct {
	m           *bots.Manifest
	runID       string
	reportsRoot string // <root>; the run is <root>/<bot>/<run-id>
	runDir      string
}

func newPlan(m *bots.Manifest, runID, reportsDir string) (*plan, error) {
	if reportsDir == "" {
		reportsDir = DefaultReportsDir()
	}
	if runID == "" {
		runID = NewRunID(filepath.Join(reportsDir, m.Name), time.Now())
	} else if err := checkRunID(runID); err != nil {
		return nil, err
	}
	return &plan{m: m, runID: runID, reportsRoot: reportsDir, runDir: report.Dir(reportsDir, m.Name, runID)}, nil
}

type playSettings struct {
	concurrency int
	progress    io.Writer
	defects     string
	server      botclient.ServerOptions
	customer    runner.Customer
	target      *botclient.Target
}

// play runs scs, then judges and reports them.
func (p *plan) play(ctx context.Context, scs []*scenario.Scenario, s playSettings) (Summary, error) {
	say := stage(s.progress)
	if err := checkSameBatch(p.runDir, scs); err != nil {
		return Summary{}, err
	}
	if err := keepScenarios(p.runDir, scs); err != nil {
		return Summary{}, err
	}
	say("run %s: %d scenarios of %s (%s) in %s", p.runID, len(scs), p.m.Name, strings.Join(scenario.BatchCategories(scs), ", "), p.runDir)
	id, err := identityOf(p.m, scs, s.defects)
	if err != nil {
		return Summary{}, err
	}
	if err := recordIdentity(p.runDir, id); err != nil {
		return Summary{}, err
	}

	if len(runner.Pending(p.runDir, p.runID, scs)) == 0 {
		// A resumed run whose every transcript is complete needs no bot:
		// judge and report it again.
		say("every scenario of run %s is complete: judging only", p.runID)
		rs := runner.Summary{RunID: p.runID, Dir: p.runDir, Skipped: len(scs)}
		for _, sc := range scs {
			rs.Scenarios = append(rs.Scenarios, runner.ScenarioResult{ID: sc.ID, Transcript: runner.TranscriptPath(p.runDir, sc.ID), Skipped: true})
		}
		sum := Summary{Bot: p.m.Name, RunID: p.runID, Dir: p.runDir, Run: rs}
		return p.judge(ctx, scs, sum, &id, p.m.Redact, 0, say)
	}
	tg := s.target
	if tg == nil {
		if tg, err = botclient.Start(ctx, p.m, botclient.Options{Label: "sim", Defects: s.defects, Server: s.server}); err != nil {
			return Summary{}, fmt.Errorf("%w: starting %s (%s target): %w", ErrEnvironment, p.m.Name, p.m.Target.Kind, err)
		}
		defer func() {
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			_ = tg.Close(cctx) // the run's results are written; a slow teardown must not fail it
		}()
		say("target: %s", describeTarget(p.m, s.defects))
	}

	rs, err := runner.Run(ctx, tg, scs, runner.Options{
		RunID: p.runID, Dir: p.runDir, Concurrency: s.concurrency, Customer: s.customer, Progress: s.progress,
	})
	sum := Summary{Bot: p.m.Name, RunID: p.runID, Dir: p.runDir, Run: rs}
	if err != nil {
		return sum, err // interrupted or refused: no report for a run that is not over
	}
	return p.judge(ctx, scs, sum, &id, runner.Redactor(tg, nil), rs.Wall, say)
}

func describeTarget(m *bots.Manifest, defects string) string {
	if m.Target.Kind != bots.TargetEmbedded && m.Target.Kind != "" {
		return fmt.Sprintf("%s bot %s", m.Target.Kind, m.Name)
	}
	if defects == "" {
		defects = "none"
	}
	return fmt.Sprintf("embedded reference bot playing %s (seeded defects: %s)", m.Name, defects)
}

// stage prints one pipeline line to w (nil: quiet).
func stage(w io.Writer) func(format string, args ...any) {
	return func(format string, args ...any) {
		if w != nil {
			fmt.Fprintf(w, format+"\n", args...)
		}
	}
}
