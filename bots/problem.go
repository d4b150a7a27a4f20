package bots

import (
	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// Problem is one thing wrong with a manifest: where it is and how to fix it
// (file:line: field: what; fix). It is the loader's Problem, so manifests,
// scenarios and every other data file read alike. It never holds a secret's
// value.
type Problem = strictyaml.Problem

// Problems is every problem found, one per line. Parse, Load and Validate
// return it as their error, so a caller can list or count them with errors.As.
type Problems = strictyaml.Problems

// File names the manifest in messages: its file relative to the module
// root when it lives inside it (tests run in package directories, and
// "../../bots/x.yaml" helps nobody), else the path as given. Start an error
// about a manifest field with it: "bots/voyachat.yaml: target.url: ...".
func (m *Manifest) File() string {
	if m.Path == "" {
		if m.Name != "" {
			return "manifest " + m.Name
		}
		return "manifest (no name)"
	}
	return displayPath(m.Path)
}

func displayPath(path string) string { return modroot.Display(path) }

// line is the line of field in the manifest file (see LineOf).
func (m *Manifest) line(field string) int { return LineOf(m.lines, field) }

// LineOf is the line of a field path in lines (path → line, as read from
// the YAML), falling back to its parents ("safety.canaries[1]" →
// "safety.canaries" → "safety") so a missing field points at the block it
// belongs in; 0 when none is known. Scenario files use it too.
func LineOf(lines map[string]int, field string) int { return strictyaml.LineOf(lines, field) }

// problem builds a Problem for a field of m.
func (m *Manifest) problem(field, msg, fix string) Problem {
	return Problem{File: m.File(), Line: m.line(field), Field: field, Msg: msg, Fix: fix}
}
