package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/caas-testing/caas-testing/sim/pipeline"
)

// Environment twins of the sim flags (flags win).
const (
	envBot         = "CAAS_BOT"
	envSeed        = "CAAS_SIM_SEED"
	envRunID       = "CAAS_SIM_RUN_ID"
	envConcurrency = "CAAS_SIM_CONCURRENCY"
	envQuiet       = "CAAS_SIM_QUIET"
	envDefects     = "CAAS_REFBOT_DEFECTS"
)

// simFlags are the flags the sim subcommands share; each command adds only
// the ones it uses.
type simFlags struct {
	fs          *flag.FlagSet
	bot         *string
	seed        *int64
	runID       *string
	concurrency *int
	reports     *string
	defects     *string
	quiet       *bool
	envErr      error // a malformed environment twin, reported after parsing
}

func newSimFlags(name, synopsis, about string) *simFlags {
	fs := flag.NewFlagSet("caas "+name, flag.ContinueOnError)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "usage: caas %s %s\n\n%s\n\nflags ([env X] names a flag's environment twin; the flag wins):\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return &simFlags{fs: fs}
}

func (f *simFlags) withBot() *simFlags {
	f.bot = f.fs.String("bot", os.Getenv(envBot), "the bot (its manifest bots/<bot>.yaml) [env "+envBot+"]")
	return f
}

func (f *simFlags) withSeed() *simFlags {
	def := f.envInt64(envSeed)
	f.seed = f.fs.Int64("seed", def, "the writer's seed; 0 = the brief's (\"seed 42\" in it) or 1 [env "+envSeed+"]")
	return f
}

func (f *simFlags) withRun() *simFlags {
	f.runID = f.fs.String("run-id", os.Getenv(envRunID), "the run's id; default a new time-based one (20261125-221530); an existing run's id resumes it [env "+envRunID+"]")
	def := int(f.envInt64(envConcurrency))
	f.concurrency = f.fs.Int("concurrency", def, "scenarios played at once; 0 = 8 [env "+envConcurrency+"]")
	f.reports = f.fs.String("reports", "", "reports root: the run goes to <reports>/<bot>/<run-id> (default sim/reports) [env "+pipeline.EnvReportsDir+"]")
	f.defects = f.fs.String("defects", "", "seeded defects of an embedded reference bot, comma-separated (e.g. provider-leak) [env "+envDefects+"]")
	return f.withQuiet()
}

func (f *simFlags) withQuiet() *simFlags {
	q, err := strconv.ParseBool(envOrFalse(envQuiet))
	if err != nil {
		f.envErr = errors.Join(f.envErr, fmt.Errorf("$%s=%q: want true or false", envQuiet, os.Getenv(envQuiet)))
	}
	f.quiet = f.fs.Bool("quiet", q, "no progress lines on stderr (the summary still prints) [env "+envQuiet+"]")
	return f
}

func envOrFalse(name string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return "false"
}

func (f *simFlags) envInt64(name string) int64 {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		f.envErr = errors.Join(f.envErr, fmt.Errorf("$%s=%q: want a whole number", name, v))
	}
	return n
}

// parse parses args and checks what every sim command needs. It returns
// the positional arguments.
func (f *simFlags) parse(args []string) ([]string, error) {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, &exitError{code: 0}
		}
		return nil, &exitError{code: 2} // the flag package printed the problem and the usage
	}
	if f.envErr != nil {
		return nil, usageErr(f.envErr.Error())
	}
	if f.bot != nil && *f.bot == "" {
		return nil, usageErr("no bot: give -bot NAME or set " + envBot + " (see `caas bots`)")
	}
	if f.concurrency != nil && *f.concurrency < 0 {
		return nil, usageErr(fmt.Sprintf("-concurrency %d: give a positive number, or 0 for the default", *f.concurrency))
	}
	rest := f.fs.Args()
	for _, a := range rest {
		if strings.HasPrefix(a, "-") {
			return nil, usageErr(fmt.Sprintf("%q after the arguments: flags go first (caas %s -h)", a, strings.TrimPrefix(f.fs.Name(), "caas ")))
		}
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
