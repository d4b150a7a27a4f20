package main

import (
	"context"

	"github.com/caas-testing/caas-testing/sim/pipeline"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

func init() {
	register(command{name: "sim run", summary: "play scenarios against the bot, judge them and write the report", run: runSimRun})
}

func runSimRun(ctx context.Context, args []string) error {
	f := newSimFlags("sim run", "[flags] [scenario files or directories...]",
		"Plays the scenarios (default: every scenario of the bot) against it, each on its own\ntest phone, judges every transcript and writes the report to\n<reports>/<bot>/<run-id>/. Ctrl-C stops cleanly; -run-id ID resumes (and plays the errored\nscenarios again). Exit 0 green; 1 a scenario below -min-score, regressed or with a\n-fail-on finding; 2 usage; 3 no verdict (environment not ready, scenarios errored).").withBot().withRun().withGate()
	dir := f.fs.String("scenarios", "", "a scenario directory or file (default the bot's scenarios: sim/scenarios/<bot>, or $"+scenario.EnvDir+"/<bot>)")
	rest, err := f.parse(args)
	if err != nil {
		return err
	}
	paths := rest
	if *dir != "" {
		paths = append([]string{*dir}, rest...)
	}
	sum, err := pipeline.Play(ctx, pipeline.PlayOptions{
		Manifest: f.manifest, Scenarios: paths, ScenarioRoot: scenarioRoot(), RunID: *f.runID, Concurrency: *f.concurrency,
		ReportsDir: *f.reports, Progress: f.progress(), Defects: *f.defects, Server: databaseServer(),
	})
	return judged(sum, err, f.gate)
}
