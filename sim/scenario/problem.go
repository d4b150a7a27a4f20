package scenario

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a scenario file: where it is and how to fix it.
type Problem struct {
	File  string // the scenario file, or "scenario <id>" for one built in memory
	Line  int    // 0 when unknown
	Field string // a path like "persona.age" or "must[1].pattern"; empty for the whole file
	Msg   string // what is wrong
	Fix   string // what to do about it
}

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

// Problems is every problem found, one per line; it is the error Validate,
// Load and CheckBatch return, so a caller can list them or count them with
// errors.As.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// err returns nil for no problems, so a nil Problems never becomes a non-nil error.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

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

// line is the line of field in the file, falling back to its parents
// ("must[1].pattern" → "must[1]" → "must") so a missing field points at the
// block it belongs in.
func (s *Scenario) line(field string) int {
	for f := field; f != ""; {
		if n, ok := s.lines[f]; ok {
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

// problem builds a Problem for field of s.
func (s *Scenario) problem(field, msg, fix string) Problem {
	return Problem{File: s.where(), Line: s.line(field), Field: field, Msg: msg, Fix: fix}
}
