package bots

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Problem is one thing wrong with a manifest: where it is and how to fix it.
// It never holds a secret's value.
type Problem struct {
	File  string // the manifest file as shown to people, e.g. bots/voyachat.yaml
	Line  int    // 0 when unknown
	Field string // a path like "graph.states.consent_ask.on.accept" or "safety.canaries[0]"; empty for the whole file
	Msg   string // what is wrong
	Fix   string // what to do about it
}

// Error reads "bots/voyachat.yaml:14: secrets.app_secret: <what>; <fix>".
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Fix != "" {
		b.WriteString("; ")
		b.WriteString(p.Fix)
	}
	return b.String()
}

// Problems is every problem found, one per line. Parse, Load and Validate
// return it as their error, so a caller can list or count them with errors.As.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err is the list as an error: nil when there is no problem. Other
// packages that report problems the same way (sim/scenario) use it.
func (ps Problems) Err() error { return ps.err() }

// err returns nil for no problems, so an empty Problems never becomes a
// non-nil error.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

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

func displayPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	root, ok := moduleRoot()
	if !ok {
		return path
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.ToSlash(rel)
}

// line is the line of field in the manifest file (see LineOf).
func (m *Manifest) line(field string) int { return LineOf(m.lines, field) }

// LineOf is the line of a field path in lines (path → line, as read from
// the YAML), falling back to its parents ("safety.canaries[1]" →
// "safety.canaries" → "safety") so a missing field points at the block it
// belongs in; 0 when none is known. Scenario files use it too.
func LineOf(lines map[string]int, field string) int {
	for f := field; f != ""; {
		if n, ok := lines[f]; ok {
			return n
		}
		i := strings.LastIndexAny(f, ".[")
		if i < 0 {
			break
		}
		f = f[:i]
	}
	return 0
}

// problem builds a Problem for a field of m.
func (m *Manifest) problem(field, msg, fix string) Problem {
	return Problem{File: m.File(), Line: m.line(field), Field: field, Msg: msg, Fix: fix}
}
