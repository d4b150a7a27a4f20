package bots

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/strictyaml"
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
	m := &Manifest{Path: path, unresolved: map[string]string{}}
	layout, err := strictyaml.DecodeWith(m.File(), data, m, strictyaml.Options{
		Scalar: m.expandScalar,
		Fixes: strictyaml.Fixes{
			Empty: "start from bots/example.yaml",
			Type:  "write a value of the type docs/manifest.md gives for this field",
			Extra: "keep one bot per manifest; move the others to their own files",
		},
	})
	if err != nil {
		return nil, err
	}
	m.lines, m.keys = layout.Lines, layout.Keys
	m.compiled = compile(m)
	return m, nil
}

// expandScalar expands the ${VAR} references in one value as it is read,
// and notes a secret field written as a value rather than a reference. The
// loader keeps a value bound for a string a string whatever it expands to,
// so a secret that reads "null" or "true" survives, and re-types one bound
// for a number, quoted or not, so reply_ms: "${REPLY_MS:-2000}" is an int.
func (m *Manifest) expandScalar(s strictyaml.Scalar) (string, []Problem) {
	if isSecretField(s.Field) && s.Value != "" && !isWholeReference(s.Value) {
		m.literalSecrets = append(m.literalSecrets, s.Field)
	}
	if !strings.Contains(s.Value, "$") {
		return s.Value, nil
	}
	val, missing, err := expand(s.Value)
	if err != nil {
		return s.Value, []Problem{{Msg: err.Error(), Fix: "write ${NAME} or ${NAME:-default}, and $${ for a literal ${"}}
	}
	if len(missing) == 0 {
		return val, nil
	}
	if isDeferredField(s.Field) {
		m.unresolved[s.Field] = missing[0]
		return val, nil
	}
	var probs []Problem
	for _, name := range missing {
		probs = append(probs, unsetProblem(m.File(), s.Line, s.Field, name))
	}
	return val, probs
}

// unsetProblem names the variable and the field, never a value.
func unsetProblem(file string, line int, field, name string) Problem {
	return Problem{
		File: file, Line: line, Field: field,
		Msg: fmt.Sprintf("${%s} is not set", name),
		Fix: fmt.Sprintf("export it or give a default with ${%s:-...}", name),
	}
}
