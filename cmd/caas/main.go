// Command caas runs the caas-testing tools: the sim pipeline (write, run,
// judge, pipeline), the seeded-defect matrix, and checks of the bots.
// Each subcommand lives in its own file and registers itself here; this
// package only wires packages together.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand: `caas <name> [args]`, `caas sim <name> [args]`
// or `caas db <name> [args]`.
type command struct {
	name    string // "bots", "defects", "sim run", ...
	summary string // one line for `caas help`
	run     func(ctx context.Context, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// exitError carries an exit code: 1 the check failed, 2 usage or
// configuration, 3 no verdict (sim_exit.go; README, "Exit codes").
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:]))
}

func run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	rest := args[1:]
	if name == "sim" || name == "db" { // command groups
		if len(rest) == 0 {
			usage()
			return 2
		}
		name, rest = name+" "+rest[0], rest[1:]
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "caas: unknown command %q\n\n", name)
		usage()
		return 2
	}
	if err := c.run(ctx, rest); err != nil {
		if e, ok := err.(*exitError); ok {
			if e.msg != "" {
				fmt.Fprintln(os.Stderr, "caas "+name+": "+e.msg)
			}
			return e.code
		}
		fmt.Fprintln(os.Stderr, "caas "+name+": "+err.Error())
		return 1
	}
	return 0
}

func usage() {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: caas <command> [flags]   (caas <command> -h for its flags)\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-16s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nenv: CAAS_BOT (default bot), CAAS_BOTS_DIR (manifests), CAAS_DATABASE_URL (PostgreSQL),\n" +
		"     CAAS_REFBOT_DEFECTS (seeded defects of an embedded reference bot), CAAS_SCENARIOS_DIR,\n" +
		"     CAAS_REPORTS_DIR, CAAS_SIM_SEED, CAAS_SIM_RUN_ID, CAAS_SIM_CONCURRENCY, CAAS_SIM_QUIET,\n" +
		"     CAAS_SIM_MIN_SCORE, CAAS_SIM_FAIL_ON,\n" +
		"     CAAS_MATRIX_* (caas defects -h); a flag given on the command line wins over its twin\n" +
		"\nexit: 0 green; 1 a check failed (a scenario below -min-score, regressed or with a -fail-on finding);\n" +
		"      2 usage or configuration; 3 no verdict (environment not ready, scenarios errored, interrupted)\n")
	fmt.Fprint(os.Stderr, b.String())
}
