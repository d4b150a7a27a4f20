package main

import (
	"context"

	"github.com/caas-testing/caas-testing/sim/pipeline"
)

func init() {
	register(command{name: "sim judge", summary: "re-score the transcripts of a run and rewrite its report", run: runSimJudge})
}

func runSimJudge(ctx context.Context, args []string) error {
	f := newSimFlags("sim judge", "[flags] -run sim/reports/<bot>/<run-id>",
		"Scores every transcript of an existing run again (after the judge's rules changed, or\nfor a run whose report was never written) and rewrites its report. Nothing is played.\nExit codes as for caas sim run -h.").withBot().withQuiet().withGate()
	dir := f.fs.String("run", "", "the run's directory, <reports>/<bot>/<run-id> (required)")
	rest, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageErr("unexpected arguments " + quoteAll(rest) + "; give the run with -run DIR")
	}
	if *dir == "" {
		return usageErr("no run: give -run sim/reports/" + *f.bot + "/<run-id>")
	}
	sum, err := pipeline.Judge(ctx, pipeline.JudgeOptions{Manifest: f.manifest, RunDir: *dir, ScenarioRoot: scenarioRoot(), Progress: f.progress()})
	return judged(sum, err, f.gate)
}
