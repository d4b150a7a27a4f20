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
func Parse(path string, data []byte) (*Manifest, error) {
	m := &Manifest{
		Path:       path,
		lines:      map[string]int{},
		keys:       map[string][]string{},
		unresolved: map[string]string{},
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Problems{{File: m.where(), Line: yamlErrorLine(err.Error()), Msg: err.Error(), Fix: "fix the YAML syntax"}}
	}
	if root.Kind == 0 || (root.Kind == yaml.DocumentNode && len(root.Content) == 0) {
		return nil, Problems{{File: m.where(), Msg: "the manifest is empty", Fix: "start from bots/example.yaml"}}
	}
	w := walker{m: m}
	w.node(&root, reflect.TypeOf(*m), "")
	if len(w.probs) > 0 {
		return nil, w.probs
	}
	if err := root.Decode(m); err != nil {
		return nil, m.decodeProblems(err)
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
// !!str `abc` into int") into Problems that name the field on that line.
func (m *Manifest) decodeProblems(err error) Problems {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return Problems{{File: m.where(), Msg: err.Error(), Fix: "fix the value's type"}}
	}
	var probs Problems
	for _, e := range te.Errors {
		line := yamlErrorLine(e)
		msg := e
		if i := strings.Index(e, ": "); i >= 0 && strings.HasPrefix(e, "line ") {
			msg = e[i+2:]
		}
		probs = append(probs, Problem{
			File: m.where(), Line: line, Field: m.fieldAt(line), Msg: msg,
			Fix: "write a value of the type docs/manifest.md gives for this field",
		})
	}
	return probs
}

// fieldAt is the deepest field path that starts on line.
func (m *Manifest) fieldAt(line int) string {
	best := ""
	for f, l := range m.lines {
		if l == line && (len(f) > len(best) || (len(f) == len(best) && f < best)) {
			best = f
		}
	}
	return best
}
