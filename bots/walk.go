package bots

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// walker goes over the YAML node tree once, beside the Go type each node
// decodes into. On the way it reports unknown fields (with the line and the
// closest known name: yaml.v3's KnownFields stops at the first and names no
// path), records every field's line and every mapping's key order, and
// expands ${VAR} references in scalars before they are decoded.
type walker struct {
	m      *Manifest
	probs  Problems
	values map[string]string // field -> scalar as written, to place type errors
	// getenv is the Loader's lookup for ${VAR} (nil: every variable unset).
	getenv func(string) string
}

func (w *walker) node(n *yaml.Node, t reflect.Type, path string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.DocumentNode:
		for _, c := range n.Content {
			w.node(c, t, path)
		}
	case n.Kind == yaml.AliasNode:
		if n.Alias != nil {
			w.node(n.Alias, t, path)
		}
	case n.Kind == yaml.ScalarNode:
		w.scalar(n, t, path)
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		fields := yamlFields(t)
		w.recordKeys(n, path)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			child := join(path, key.Value)
			if w.duplicate(key, child) {
				continue
			}
			ft, ok := fields[key.Value]
			if !ok {
				w.probs = append(w.probs, Problem{
					File: w.m.File(), Line: key.Line, Field: child,
					Msg: "unknown field", Fix: unknownFix(key.Value, fields),
				})
				continue
			}
			w.m.lines[child] = key.Line
			w.node(val, ft, child)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		w.recordKeys(n, path)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			child := join(path, key.Value)
			if w.duplicate(key, child) {
				continue
			}
			w.m.lines[child] = key.Line
			w.node(val, t.Elem(), child)
		}
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for i, item := range n.Content {
			child := fmt.Sprintf("%s[%d]", path, i)
			w.m.lines[child] = item.Line
			w.node(item, t.Elem(), child)
		}
	}
	// Any other pairing (a list where a mapping belongs, ...) is a type
	// error that Decode reports with its line.
}

// duplicate reports a key defined twice in one mapping (two states with
// one name, say): the second would silently replace the first.
func (w *walker) duplicate(key *yaml.Node, field string) bool {
	first, seen := w.m.lines[field]
	if !seen {
		return false
	}
	w.probs = append(w.probs, Problem{
		File: w.m.File(), Line: key.Line, Field: field,
		Msg: fmt.Sprintf("defined twice (first at line %d)", first),
		Fix: "keep one of them; the second would silently replace the first",
	})
	return true
}

func (w *walker) recordKeys(n *yaml.Node, path string) {
	keys := make([]string, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
	}
	w.m.keys[path] = keys
}

// scalar expands the references in one value. A value bound for a string
// field stays a string whatever it expands to, so a secret that reads "null"
// or "true" survives; one bound for a number or a bool is re-typed from what
// it expands to, quoted or not, so reply_ms: "${REPLY_MS:-2000}" is an int.
func (w *walker) scalar(n *yaml.Node, t reflect.Type, path string) {
	raw := n.Value
	w.values[path] = raw
	secret := isSecretField(path)
	if secret && raw != "" && !isWholeReference(raw) {
		w.m.literalSecrets = append(w.m.literalSecrets, path)
	}
	if !strings.Contains(raw, "$") {
		return
	}
	val, missing, err := expand(raw, w.getenv)
	if err != nil {
		w.probs = append(w.probs, Problem{
			File: w.m.File(), Line: n.Line, Field: path,
			Msg: err.Error(), Fix: "write ${NAME} or ${NAME:-default}, and $${ for a literal ${",
		})
		return
	}
	n.Value = val
	if t.Kind() == reflect.String {
		n.Tag = "!!str"
	} else {
		n.Tag = ""
		n.Style &^= yaml.TaggedStyle | yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
	}
	if len(missing) == 0 {
		return
	}
	if isDeferredField(path) {
		w.m.unresolved[path] = missing[0]
		return
	}
	for _, name := range missing {
		w.probs = append(w.probs, unsetProblem(w.m.File(), n.Line, path, name))
	}
}

// unsetProblem names the variable and the field, never a value.
func unsetProblem(file string, line int, field, name string) Problem {
	return Problem{
		File: file, Line: line, Field: field,
		Msg: fmt.Sprintf("${%s} is not set", name),
		Fix: fmt.Sprintf("export it or give a default with ${%s:-...}", name),
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// yamlFields maps the yaml names of t's decodable fields to their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// unknownFix suggests the closest known field, then lists them all.
func unknownFix(got string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	best, bestD := "", 4 // suggest only near misses
	for _, n := range names {
		if d := editDistance(got, n); d < bestD {
			best, bestD = n, d
		}
	}
	list := "known fields here: " + strings.Join(names, ", ")
	if best != "" {
		return fmt.Sprintf("did you mean %q? %s", best, list)
	}
	return "remove it or move it; " + list
}

// editDistance is the Levenshtein distance, enough to catch typos in field names.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
