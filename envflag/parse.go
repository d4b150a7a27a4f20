package envflag

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// Parse parses args on the Set's FlagSet, then gives every twin flag that
// the command line did not set the value of its variable (see FromEnv).
// Its errors are the FlagSet's (flag.ErrHelp for -h; a bad command line,
// already printed with the usage) or FromEnv's *Error values.
func (s *Set) Parse(args []string, getenv func(string) string) error {
	if err := s.fs.Parse(args); err != nil {
		return err
	}
	return s.FromEnv(getenv)
}

// FromEnv gives every twin flag not set on the command line its variable's
// value, looked up with getenv (os.Getenv, or a map in tests). Surrounding
// blanks are dropped and a blank variable counts as unset. Call it after the
// command line is parsed: by Parse, or by the test binary (go test parses
// flag.CommandLine). Every malformed variable is reported, joined, each as
// an *Error.
func (s *Set) FromEnv(getenv func(string) string) error {
	given := map[string]bool{}
	s.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	for _, t := range s.twins {
		v := strings.TrimSpace(getenv(t.env))
		if given[t.flag] || v == "" {
			continue
		}
		if err := s.fs.Set(t.flag, v); err != nil {
			errs = append(errs, &Error{Var: t.env, Flag: t.flag, Value: v, Want: t.want})
		}
	}
	return errors.Join(errs...)
}

// Error is a variable whose value its flag refuses. Only bool, number and
// duration flags refuse values, so Value is never a secret: secrets are
// strings, and a string flag takes anything.
type Error struct {
	Var, Flag string
	Value     string
	Want      string // "a whole number", "true or false", ...
}

func (e *Error) Error() string {
	return fmt.Sprintf("$%s=%q: want %s (it stands for -%s; fix or unset it)", e.Var, e.Value, e.Want, e.Flag)
}
