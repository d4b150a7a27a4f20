package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/envflag"
)

func init() {
	register(command{name: "bots", summary: "list the bots in the bots directory and whether their manifests validate; -check also runs their reset SQL safely", run: runBots})
}

// envBotsCheck is the twin of caas bots -check.
const envBotsCheck = "CAAS_BOTS_CHECK"

func runBots(ctx context.Context, args []string) error { return botsCommand(ctx, args, os.Stdout) }

// botsCommand is caas bots writing its table and checks to out.
func botsCommand(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("caas bots", flag.ContinueOnError)
	twins := envflag.New(fs)
	check := twins.Bool("check", envBotsCheck, false, "also reach each bot (embedded: start it; local: its database) and run every observe.reset_sql statement for a test phone with no rows, in a transaction rolled back: it must touch no row")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: caas bots [flags]\n\n"+
			"Lists the bots in $%s (default bots/) and says what is wrong with each manifest\n"+
			"that does not validate (file, line, field and fix). Exit 1 when one does not, or\n"+
			"when -check finds a reset statement that would touch another phone's rows.\n\n"+flagsHeading, bots.EnvDir)
		fs.PrintDefaults()
	}
	if err := parseFlags(twins, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q (caas bots -h)", fs.Arg(0)))
	}
	src := manifests()
	names, err := src.Names()
	if err != nil {
		return err
	}
	valid, bad := listBots(out, src, names)
	if *check {
		bad += checkBots(ctx, out, valid)
	}
	if bad > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d manifest(s) invalid or unsafe", bad)}
	}
	return nil
}

// listBots prints one row per bot and returns the manifests that
// validate, and how many do not.
func listBots(out io.Writer, src bots.Loader, names []string) (valid []*bots.Manifest, bad int) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	defer w.Flush()
	fmt.Fprintln(w, "BOT\tTARGET\tPHASES\tSTATES\tMANIFEST")
	for _, n := range names {
		m, err := src.Load(n) // Load validates
		if err != nil {
			bad++
			fmt.Fprintf(w, "%s\t-\t-\t-\tINVALID: %v\n", n, err)
			continue
		}
		valid = append(valid, m)
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\n", n, m.Target.Kind, len(m.Graph.Phases), len(m.Graph.States), m.File())
	}
	return valid, bad
}
