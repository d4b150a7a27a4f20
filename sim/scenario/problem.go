package scenario

import (
	"github.com/caas-testing/caas-testing/bots"
)

// Problem is one thing wrong with a scenario file: where it is (the file,
// or "scenario <id>" for one built in memory; the line; a field path like
// "persona.age" or "must[1].pattern") and how to fix it. It is the
// manifests' Problem, so both read the same: file:line: field: what; fix.
type Problem = bots.Problem

// Problems is every problem found, one per line; it is the error Validate,
// Load and CheckBatch return, so a caller can list them or count them with
// errors.As.
type Problems = bots.Problems

// where names a scenario in messages: its file, else its id.
func (s *Scenario) where() string {
	switch {
	case s.Path != "":
		return s.Path
	case s.ID != "":
		return "scenario " + s.ID
	}
	return "scenario (no id)"
}

// line is the line of field in the scenario file (see bots.LineOf).
func (s *Scenario) line(field string) int { return bots.LineOf(s.lines, field) }

// problem builds a Problem for field of s.
func (s *Scenario) problem(field, msg, fix string) Problem {
	return Problem{File: s.where(), Line: s.line(field), Field: field, Msg: msg, Fix: fix}
}
