package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
)

func init() {
	register(command{name: "bots", summary: "list the bots in the bots directory and whether their manifests validate", run: runBots})
}

func runBots(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("caas bots", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	src := manifests()
	names, err := src.Names()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "BOT\tTARGET\tPHASES\tSTATES\tMANIFEST")
	bad := 0
	for _, n := range names {
		m, err := src.Load(n)
		if err == nil {
			err = m.Validate()
		}
		if err != nil {
			bad++
			fmt.Fprintf(w, "%s\t-\t-\t-\tINVALID: %v\n", n, err)
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\n", n, m.Target.Kind, len(m.Graph.Phases), len(m.Graph.States), m.Path)
	}
	w.Flush()
	if bad > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d manifest(s) invalid", bad)}
	}
	return nil
}
