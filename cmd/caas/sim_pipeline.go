package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/sim/pipeline"
)

func init() {
	register(command{name: "sim pipeline", summary: "from a one-line brief to a scored report: write, run, judge, report", run: runSimPipeline})
}

func runSimPipeline(ctx context.Context, args []string) error {
	f := newSimFlags("sim pipeline", `[flags] "one-sentence brief"`,
		"Writes the scenarios the brief asks for into the run's own directory, plays them\nagainst the bot, judges every transcript, compares with the previous comparable run\n(same scenarios and seeded defects) and writes the report to\n<reports>/<bot>/<run-id>/. Exit codes as for caas sim run -h.").withBot().withSeed().withRun().withGate()
	out := f.fs.String("scenarios-out", "", "where the written scenarios go (default <run dir>/scenarios)")
	rest, err := f.parse(args)
	if err != nil {
		return err
	}
	brief := strings.TrimSpace(strings.Join(rest, " "))
	if brief == "" {
		return usageErr(`no brief: say what to run, e.g. caas sim pipeline -bot ` + *f.bot + ` "5 asymmetric scenarios"`)
	}
	sum, err := pipeline.Run(ctx, pipeline.Options{
		Manifest: f.manifest, Brief: brief, Seed: *f.seed, RunID: *f.runID, Concurrency: *f.concurrency,
		ScenariosDir: *out, ReportsDir: *f.reports, Progress: f.progress(), Defects: *f.defects, Server: databaseServer(),
	})
	return judged(sum, err, f.gate)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " ")
}
