package bots

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parse decodes a manifest from data, path naming it in messages: it expands
// ${VAR} references and rejects unknown fields, wrong types and unset
// variables, all at once. It does not check what the fields mean; Validate
// does that (LoadFile does both).
//
// An unset variable in a field that only some targets need (secrets.*,
// target.url, target.ssh.*, ...) is not an error here: it is recorded, and
// Validate reports it unless the target is embedded, for which the harness
// makes its own secrets.
func (l Loader) Parse(path string, data []byte) (*Manifest, error) {
	m := &Manifest{
		Path:       path,
		lines:      map[string]int{},
		keys:       map[string][]string{},
		unresolved: map[string]string{},
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Problems{{File: m.File(), Line: yamlErrorLine(err.Error()), Msg: err.Error(), Fix: "fix the YAML syntax"}}
	}
	if root.Kind == 0 || (root.Kind == yaml.DocumentNode && len(root.Content) == 0) {
		return nil, Problems{{File: m.File(), Msg: "the manifest is empty", Fix: "start from bots/example.yaml"}}
	}
	w := walker{m: m, values: map[string]string{}, getenv: l.Getenv}
	w.node(&root, reflect.TypeOf(*m), "")
	if len(w.probs) > 0 {
		return nil, w.probs
	}
	if err := root.Decode(m); err != nil {
		return nil, m.decodeProblems(err, w.values)
	}
	m.compiled = compile(m)
	return m, nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine digs the line number out of a yaml.v3 message ("yaml: line 3: ...").
func yamlErrorLine(msg string) int {
	if sm := yamlLine.FindStringSubmatch(msg); sm != nil {
		n, _ := strconv.Atoi(sm[1])
		return n
	}
	return 0
}

// decodeProblems turns yaml.v3's type errors ("line 7: cannot unmarshal
// !!str `abc` into int") into Problems that name the field on that line;
// values (field -> scalar) tells apart fields sharing a line in a flow
// mapping such as budgets: {health_ms: 300, reply_ms: fast}.
func (m *Manifest) decodeProblems(err error, values map[string]string) Problems {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return Problems{{File: m.File(), Msg: err.Error(), Fix: "fix the value's type"}}
	}
	var probs Problems
	for _, e := range te.Errors {
		line := yamlErrorLine(e)
		msg := e
		if i := strings.Index(e, ": "); i >= 0 && strings.HasPrefix(e, "line ") {
			msg = e[i+2:]
		}
		probs = append(probs, Problem{
			File: m.File(), Line: line, Field: m.fieldAt(line, quoted(e), values), Msg: msg,
			Fix: "write a value of the type docs/manifest.md gives for this field",
		})
	}
	return probs
}

var backquoted = regexp.MustCompile("`([^`]*)`")

// quoted is the value yaml.v3 quotes in a type error, "" if none.
func quoted(msg string) string {
	if sm := backquoted.FindStringSubmatch(msg); sm != nil {
		return sm[1]
	}
	return ""
}

// fieldAt is the field on line holding value, else the deepest field that
// starts on line.
func (m *Manifest) fieldAt(line int, value string, values map[string]string) string {
	best, bestHolds := "", false
	for f, l := range m.lines {
		if l != line {
			continue
		}
		holds := value != "" && values[f] == value
		better := holds && !bestHolds ||
			holds == bestHolds && (len(f) > len(best) || len(f) == len(best) && f < best)
		if better {
			best, bestHolds = f, holds
		}
	}
	return best
}
