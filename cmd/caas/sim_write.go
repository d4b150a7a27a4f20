package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/caas-testing/caas-testing/sim/pipeline"
)

func init() {
	register(command{name: "sim write", summary: "turn a one-line brief into scenario files (offline, seeded writer)", run: runSimWrite})
}

func runSimWrite(ctx context.Context, args []string) error {
	f := newSimFlags("sim write", `[flags] "5 asymmetric scenarios"`,
		"Writes the scenarios the brief asks for as YAML files, one per scenario, never\noverwriting one. Briefs: \"5 scenarios\", \"3 security scenarios\", \"2 hostile and 1\nmultilingual\", \"elderly\", \"... seed 42\".").withBot().withSeed()
	out := f.fs.String("out", "", "directory for the files (default the bot's scenarios: sim/scenarios/<bot>, or $CAAS_SCENARIOS_DIR/<bot>)")
	rest, err := f.parse(args)
	if err != nil {
		return err
	}
	brief := strings.TrimSpace(strings.Join(rest, " "))
	if brief == "" {
		return usageErr(`no brief: say what to write, e.g. caas sim write -bot ` + *f.bot + ` "5 asymmetric scenarios"`)
	}
	scs, err := pipeline.Write(ctx, pipeline.WriteOptions{Manifest: f.manifest, Brief: brief, Seed: *f.seed, Out: *out, ScenarioRoot: scenarioRoot()})
	if err != nil {
		return simError(err)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "FILE\tCATEGORY\tPERSONA\tTURNS")
	for _, sc := range scs {
		fmt.Fprintf(w, "%s\t%s\t%s, %d\t%d\n", sc.Path, sc.Category, sc.Persona.Name, sc.Persona.Age, len(sc.Messages()))
	}
	return w.Flush()
}
