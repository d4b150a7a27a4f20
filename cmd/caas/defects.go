package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/envflag"
	"github.com/caas-testing/caas-testing/matrix"
)

func init() {
	register(command{name: "defects", summary: "the seeded-defect matrix: the clean bot green, every defect caught (CI gate)", run: runDefects})
}

// Environment twins of the defects flags (flags win).
const (
	envMatrixLayers   = "CAAS_MATRIX_LAYERS"
	envMatrixDefects  = "CAAS_MATRIX_DEFECTS"
	envMatrixScope    = "CAAS_MATRIX_SCOPE"
	envMatrixParallel = "CAAS_MATRIX_PARALLEL"
	envMatrixTimeout  = "CAAS_MATRIX_TIMEOUT"
	envMatrixJSON     = "CAAS_MATRIX_JSON"
	envMatrixVerbose  = "CAAS_MATRIX_VERBOSE"
)

func runDefects(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("caas defects", flag.ContinueOnError)
	twins := envflag.New(fs)
	bot := twins.String("bot", envBot, "all", "the bot, or all: every bot whose target is embedded; a defect counts as caught when red on at least one")
	layers := twins.String("layers", envMatrixLayers, "", "layers to run, comma-separated (01,03,L04,webhook); default every layer")
	defects := twins.String("defects", envMatrixDefects, "", "only these defects, comma-separated; default all (go run ./cmd/refbot --list-defects)")
	scope := twins.String("scope", envMatrixScope, string(matrix.ScopeCatalog), "catalog: each defect on its catalog layers, the rest only if they miss it; full: every layer with every defect")
	parallel := twins.Int("parallel", envMatrixParallel, 0, "test binaries run at once; 0 = "+strconv.Itoa(matrix.DefaultParallel))
	timeout := twins.Duration("timeout", envMatrixTimeout, 0, "each test binary's -test.timeout; 0 = "+matrix.DefaultTimeout.String())
	jsonPath := twins.String("json", envMatrixJSON, "", "also write the whole report as JSON to this file")
	verbose := twins.Bool("v", envMatrixVerbose, false, "list every catching test with its first failure line, and every crash")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: caas defects [flags]\n\n"+
			"Runs the layers (each test binary built once) against the clean bot, which must be\n"+
			"green, and with each seeded defect of the reference bot on, which must turn a test\n"+
			"red; prints defect → bot → the tests that caught it, beside the layers expected to\n"+
			"catch it (docs/layers.md). Exit 1 when the clean run fails or a defect escapes.\n"+
			"Progress goes to stderr.\n\n"+flagsHeading)
		fs.PrintDefaults()
	}
	if err := parseFlags(twins, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q (caas defects -h)", fs.Arg(0)))
	}
	if *parallel < 0 {
		return usageErr(fmt.Sprintf("-parallel %d: give a positive number, or 0 for the default", *parallel))
	}
	bots, skipped, err := matrix.ResolveBots(manifests(), *bot)
	if err != nil {
		return usageErr(err.Error())
	}
	for name, why := range skipped {
		fmt.Fprintf(os.Stderr, "caas defects: leaving out %s: %s\n", name, why)
	}
	var only []string
	if strings.TrimSpace(*defects) != "" {
		for _, d := range strings.Split(*defects, ",") {
			only = append(only, strings.TrimSpace(d))
		}
	}
	rep, err := matrix.Check(ctx, matrix.Options{
		Bots: bots, Layers: *layers, Defects: only, Scope: matrix.Scope(*scope),
		Parallel: *parallel, Timeout: *timeout, Progress: os.Stderr,
		DatabaseURL: os.Getenv("CAAS_DATABASE_URL"),
	})
	var buildErr *matrix.BuildError
	switch {
	case errors.As(err, &buildErr):
		return &exitError{code: 1, msg: err.Error()}
	case errors.Is(err, matrix.ErrUsage):
		return usageErr(strings.TrimPrefix(err.Error(), matrix.ErrUsage.Error()+": "))
	case err != nil:
		return &exitError{code: 1, msg: err.Error()}
	}
	rep.WriteTable(os.Stdout, *verbose)
	fmt.Fprintf(os.Stderr, "caas defects: %s in %s (build %s, %d runs, %d at a time, peak %d/%d PostgreSQL connections)\n",
		rep.Scope, rep.Elapsed.Round(time.Second), rep.BuildTime.Round(time.Second), len(rep.Runs), rep.Parallel, rep.Connections.Peak, rep.Connections.Max)
	if *jsonPath != "" {
		if err := rep.WriteJSON(*jsonPath); err != nil {
			return &exitError{code: 1, msg: err.Error()}
		}
	}
	if !rep.OK() {
		return &exitError{code: 1}
	}
	return nil
}
