package pipeline

import (
	"context"
	"path/filepath"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// Run is the whole pipeline (caas sim pipeline): the brief becomes
// scenarios (written to the run's scenarios/ directory unless
// opt.ScenariosDir says otherwise), they are played against the bot, every
// transcript is judged and compared with the previous comparable run of the same
// scenarios, and the report is written to <reports>/<bot>/<run-id>/.
//
// Errors: ErrUsage-wrapped ones are the caller's (bad brief or run id);
// ErrEnvironment-wrapped ones the environment's (no database, a bot that
// cannot be started or reached); an interrupted run returns the context's
// error with its transcripts kept (run again with the same RunID to
// resume); a run with errored scenarios still writes its report and
// returns an error wrapping ErrErrored that lists them.
func Run(ctx context.Context, opt Options) (Summary, error) {
	m := opt.Manifest
	if err := required(m); err != nil {
		return Summary{}, err
	}
	p, err := newPlan(m, opt.RunID, opt.ReportsDir)
	if err != nil {
		return Summary{}, err
	}
	scs, err := generate(ctx, m, opt.Brief, opt.Seed, opt.Writer)
	if err != nil {
		return Summary{}, err
	}
	if err := checkSameBatch(p.runDir, scs); err != nil {
		return Summary{}, err
	}
	dir := opt.ScenariosDir
	if dir == "" {
		dir = filepath.Join(p.runDir, ScenariosSubdir)
	}
	if err := saveScenarios(dir, scs); err != nil {
		return Summary{}, err
	}
	stage(opt.Progress)("writer: %d scenarios for %q (%d categories) in %s", len(scs), opt.Brief, len(scenario.BatchCategories(scs)), dir)
	return p.play(ctx, scs, playSettings{concurrency: opt.Concurrency, progress: opt.Progress, defects: opt.Defects, server: opt.Server, customer: opt.Customer, target: opt.Target})
}
