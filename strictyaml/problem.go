package strictyaml

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a file: where it is and how to fix it.
type Problem struct {
	File  string // the file as shown to people, e.g. bots/voyachat.yaml
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

// Problems is every problem found, one per line. The decoders return it as
// their error, so a caller can list or count them with errors.As.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err is the list as an error: nil when there is no problem, so an empty
// Problems never becomes a non-nil error.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// LineOf is the line of a field path in lines (path → line, as a Layout
// records them), falling back to its parents ("safety.canaries[1]" →
// "safety.canaries" → "safety") so a problem with a missing field points at
// the block it belongs in; 0 when none is known.
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
