package main

import (
	"errors"
	"flag"
	"os"

	"github.com/caas-testing/caas-testing/envflag"
)

// flagsHeading introduces a command's flag list in its usage.
const flagsHeading = "flags (" + envflag.Legend + "):\n"

// parseFlags parses a command's flags and their environment twins, and
// maps the outcome to exit codes: -h is 0; a bad command line is 2 (the
// flag package has printed it with the usage); a malformed twin is 2 with
// its message.
func parseFlags(twins *envflag.Set, args []string) error {
	err := twins.Parse(args, os.Getenv)
	var envErr *envflag.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		return &exitError{code: 0}
	case errors.As(err, &envErr):
		return usageErr(err.Error())
	default:
		return &exitError{code: 2}
	}
}
