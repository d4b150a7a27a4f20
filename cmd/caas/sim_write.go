package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/caas-testing/caas-testing/sim/pipeline"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
)

func init() {
	register(command{name: "sim write", summary: "turn a one-line brief into scenario files (offline, seeded writer)", run: runSimWrite})
}

// writeAbout is the help's text. Drafts stay out of the bot's scenario
// directory because L13 plays every scenario there against its golden file,
// and a scenario with no golden line fails it.
var writeAbout = `Writes the scenarios the brief asks for as YAML files, one per scenario, never
overwriting one. Without -out they are drafts, in sim/scenarios/<bot>/` + writer.DraftsDir + `/ (or
$` + scenario.EnvDir + `/<bot>/` + writer.DraftsDir + `/), which the suite does not play: play them with
caas sim run -bot <bot> -scenarios <that directory>; to add one to the suite, move it
up into the bot's directory and record its golden line with
go test ./layers/L13_sim -bot=<bot> -update.

A brief is one line: a number (1 to ` + fmt.Sprint(writer.MaxCount) + `, digits or a word), category words
("3 hostile scenarios" is three hostile customers; a group such as "asymmetric" or
"security", or no category, mixes at least three), exact counts ("2 hostile and 1
multilingual"), the customers' language ("in English"), "for <bot>" and "seed 42".
A word the writer does not understand is refused (exit 2) with the words it does.`

func runSimWrite(ctx context.Context, args []string) error {
	f := newSimFlags("sim write", `[flags] "5 asymmetric scenarios"`, writeAbout).withBot().withSeed()
	out := f.fs.String("out", "", "directory for the files (default the bot's drafts: sim/scenarios/<bot>/"+writer.DraftsDir+", or $"+scenario.EnvDir+"/<bot>/"+writer.DraftsDir+")")
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
