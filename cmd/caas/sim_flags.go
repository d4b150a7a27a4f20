package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/envflag"
	"github.com/caas-testing/caas-testing/sim/pipeline"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// Environment twins of the sim flags (flags win).
const (
	envBot         = "CAAS_BOT"
	envSeed        = "CAAS_SIM_SEED"
	envRunID       = "CAAS_SIM_RUN_ID"
	envConcurrency = "CAAS_SIM_CONCURRENCY"
	envQuiet       = "CAAS_SIM_QUIET"
	envDefects     = "CAAS_REFBOT_DEFECTS"
	envReports     = "CAAS_REPORTS_DIR"
	envMinScore    = "CAAS_SIM_MIN_SCORE"
	envFailOn      = "CAAS_SIM_FAIL_ON"
)

// simFlags are the flags the sim subcommands share; each command adds only
// the ones it uses.
type simFlags struct {
	fs          *flag.FlagSet
	twins       *envflag.Set
	bot         *string
	manifest    *bots.Manifest // -bot's, loaded by parse
	seed        *int64
	runID       *string
	concurrency *int
	reports     *string
	defects     *string
	quiet       *bool
	minScore    *int
	failOn      *string
	gate        pipeline.Gate // -min-score and -fail-on, checked by parse
}

func newSimFlags(name, synopsis, about string) *simFlags {
	fs := flag.NewFlagSet("caas "+name, flag.ContinueOnError)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "usage: caas %s %s\n\n%s\n\n%s", name, synopsis, about, flagsHeading)
		fs.PrintDefaults()
	}
	return &simFlags{fs: fs, twins: envflag.New(fs)}
}

func (f *simFlags) withBot() *simFlags {
	f.bot = f.twins.String("bot", envBot, "", "the bot (its manifest bots/<bot>.yaml)")
	return f
}

func (f *simFlags) withSeed() *simFlags {
	f.seed = f.twins.Int64("seed", envSeed, 0, "the writer's seed; 0 = the brief's (\"seed 42\" in it) or 1")
	return f
}

func (f *simFlags) withRun() *simFlags {
	f.runID = f.twins.String("run-id", envRunID, "", "the run's id; default a new time-based one (20261125-221530); an existing run's id resumes it")
	f.concurrency = f.twins.Int("concurrency", envConcurrency, 0, "scenarios played at once; 0 = 8")
	f.reports = f.twins.String("reports", envReports, "", "reports root: the run goes to <reports>/<bot>/<run-id> (default sim/reports)")
	f.defects = f.twins.String("defects", envDefects, "", "seeded defects of an embedded reference bot, comma-separated (e.g. provider-leak)")
	return f.withQuiet()
}

// withGate adds the flags that decide the exit code of a judged run.
func (f *simFlags) withGate() *simFlags {
	f.minScore = f.twins.Int("min-score", envMinScore, pipeline.DefaultMinScore, "exit 1 when a scored scenario's total (0-100) is below this; 0 = no threshold")
	f.failOn = f.twins.String("fail-on", envFailOn, "high", "exit 1 on any finding of this severity or higher: high, medium, low, or none")
	return f
}

func (f *simFlags) withQuiet() *simFlags {
	f.quiet = f.twins.Bool("quiet", envQuiet, false, "no progress lines on stderr (the summary still prints)")
	return f
}

// parse parses args, checks what every sim command needs and loads -bot's
// manifest. It returns the positional arguments.
func (f *simFlags) parse(args []string) ([]string, error) {
	if err := parseFlags(f.twins, args); err != nil {
		return nil, err
	}
	if f.bot != nil && *f.bot == "" {
		return nil, usageErr("no bot: give -bot NAME or set " + envBot + " (see `caas bots`)")
	}
	if f.concurrency != nil && *f.concurrency < 0 {
		return nil, usageErr(fmt.Sprintf("-concurrency %d: give a positive number, or 0 for the default", *f.concurrency))
	}
	if f.minScore != nil {
		if *f.minScore < 0 || *f.minScore > 100 {
			return nil, usageErr(fmt.Sprintf("-min-score %d: give a total between 0 and 100 (0 = no threshold)", *f.minScore))
		}
		sev, err := pipeline.ParseSeverity(*f.failOn)
		if err != nil {
			return nil, usageErr("-fail-on " + err.Error())
		}
		f.gate = pipeline.Gate{MinScore: *f.minScore, FailOn: sev}
	}
	rest := f.fs.Args()
	for _, a := range rest {
		if strings.HasPrefix(a, "-") {
			return nil, usageErr(fmt.Sprintf("%q after the arguments: flags go first (caas %s -h)", a, strings.TrimPrefix(f.fs.Name(), "caas ")))
		}
	}
	if f.bot != nil {
		m, err := loadBot(*f.bot)
		if err != nil {
			return nil, err
		}
		f.manifest = m
	}
	return rest, nil
}

// progress is where progress lines go: stderr, unless -quiet.
func (f *simFlags) progress() io.Writer {
	if f.quiet != nil && *f.quiet {
		return nil
	}
	return os.Stderr
}

// scenarioRoot is $CAAS_SCENARIOS_DIR, where the bots' scenario
// directories are ("" = sim/scenarios).
func scenarioRoot() string { return os.Getenv(scenario.EnvDir) }

func usageErr(msg string) error { return &exitError{code: 2, msg: msg} }

// simError maps a pipeline error to the exit codes: 2 for the caller's
// mistakes (pipeline.ErrUsage), 1 for everything else.
func simError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pipeline.ErrUsage) {
		return usageErr(strings.TrimPrefix(err.Error(), pipeline.ErrUsage.Error()+": "))
	}
	return &exitError{code: 1, msg: err.Error()}
}
