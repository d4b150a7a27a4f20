package strictyaml

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// walker goes over the YAML node tree once, beside the Go type each node
// decodes into, before yaml.v3 decodes it: it reports what yaml.v3 would
// ignore or say badly (unknown fields, keys defined twice, a list where a
// mapping belongs), records the layout, and lets the caller's hook rewrite
// scalars.
type walker struct {
	file   string
	hook   func(Scalar) (string, []Problem)
	layout *Layout
	probs  Problems
	// flagged are the fields with a problem already: a type error yaml.v3
	// finds on one of them would say the same thing again.
	flagged map[string]bool
	// values are every value node with its field, to place yaml.v3's type
	// errors (which name only a line) on the field that caused them.
	values []placed
	// written are scalars as written, before the hook rewrote them: an
	// alias visits its anchor's node again, and must not expand it twice.
	written map[*yaml.Node]string
	said    map[*yaml.Node]bool // nodes with a problem reported
}

type placed struct {
	field string
	node  *yaml.Node
}

func newWalker(file string, hook func(Scalar) (string, []Problem)) *walker {
	return &walker{
		file: file, hook: hook,
		layout:  &Layout{Lines: map[string]int{}, Keys: map[string][]string{}},
		flagged: map[string]bool{},
		written: map[*yaml.Node]string{},
		said:    map[*yaml.Node]bool{},
	}
}

// problem reports what is wrong with node n at field, once: an alias or a
// "<<" merge walks its anchor's nodes again, under another path.
func (w *walker) problem(n *yaml.Node, field, msg, fix string) {
	w.problemAt(n, n.Line, field, msg, fix)
}

func (w *walker) problemAt(n *yaml.Node, line int, field, msg, fix string) {
	w.flagged[field] = true
	if w.said[n] {
		return
	}
	w.said[n] = true
	w.probs = append(w.probs, Problem{File: w.file, Line: line, Field: field, Msg: msg, Fix: fix})
}

func (w *walker) node(n *yaml.Node, t reflect.Type, path string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			w.node(c, t, path)
		}
		return
	case yaml.AliasNode:
		if n.Alias != nil {
			w.node(n.Alias, t, path)
		}
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	w.values = append(w.values, placed{field: path, node: n})
	if decodesItself(t) {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		w.scalar(n, t, path)
	case yaml.MappingNode:
		w.mapping(n, t, path)
	case yaml.SequenceNode:
		w.sequence(n, t, path)
	}
}

func (w *walker) mapping(n *yaml.Node, t reflect.Type, path string) {
	var fields fieldSet
	switch t.Kind() {
	case reflect.Struct:
		fields = fieldsOf(t)
	case reflect.Map:
		fields = fieldSet{rest: t.Elem()}
	case reflect.Interface:
		fields = fieldSet{rest: t}
	default:
		w.misshapen(n, t, path, "a mapping")
		return
	}
	keys := make([]string, 0, len(n.Content)/2)
	seen := map[string]int{} // key → its line, in this mapping
	var merges []*yaml.Node
	var dups []int // where a repeated key's pair starts in n.Content
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if isMerge(key) {
			merges = append(merges, val)
			continue
		}
		child := join(path, key.Value)
		if first, dup := seen[key.Value]; dup {
			// Not flagged: a type error in the first one is a problem of its own.
			if !w.said[key] {
				w.said[key] = true
				w.probs = append(w.probs, Problem{
					File: w.file, Line: key.Line, Field: child,
					Msg: fmt.Sprintf("defined twice (first at line %d)", first),
					Fix: "keep one of them; the second would silently replace the first",
				})
			}
			dups = append(dups, i)
			continue
		}
		seen[key.Value] = key.Line
		keys = append(keys, key.Value)
		ft, ok := fields.known[key.Value]
		if !ok && fields.rest != nil {
			ft, ok = fields.rest, true
		}
		if !ok {
			w.problem(key, child, "unknown field", unknownFix(key.Value, fields.names()))
			continue
		}
		w.layout.Lines[child] = key.Line
		w.node(val, ft, child)
	}
	w.layout.Keys[path] = keys
	dropPairs(n, dups)
	for _, m := range merges {
		w.merge(m, t, path, seen)
	}
}

// merge walks the mappings a "<<" key merges in: their fields must be known
// too, but a key the mapping itself sets overrides them, as in yaml.v3, so it
// is neither a duplicate nor walked twice.
func (w *walker) merge(n *yaml.Node, t reflect.Type, path string, own map[string]int) {
	switch {
	case n.Kind == yaml.AliasNode && n.Alias != nil:
		w.merge(n.Alias, t, path, own)
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			w.merge(c, t, path, own)
		}
	case n.Kind == yaml.MappingNode:
		inherited := &yaml.Node{Kind: yaml.MappingNode, Line: n.Line, Column: n.Column}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if _, set := own[n.Content[i].Value]; !set {
				inherited.Content = append(inherited.Content, n.Content[i], n.Content[i+1])
			}
		}
		keys, lines := w.layout.Keys[path], w.layout.Lines
		w.layout.Lines = map[string]int{}
		w.mapping(inherited, t, path)
		for f, l := range w.layout.Lines {
			if _, ok := lines[f]; !ok {
				lines[f] = l
			}
		}
		w.layout.Lines, w.layout.Keys[path] = lines, keys
	}
}

func (w *walker) sequence(n *yaml.Node, t reflect.Type, path string) {
	var elem reflect.Type
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		elem = t.Elem()
	case reflect.Interface:
		elem = t
	default:
		w.misshapen(n, t, path, "a list")
		return
	}
	for i, item := range n.Content {
		child := fmt.Sprintf("%s[%d]", path, i)
		w.layout.Lines[child] = item.Line
		w.node(item, elem, child)
	}
}

// scalar checks a single value's shape and hands it to the hook, which may
// rewrite it. A rewritten value bound for a string stays a string whatever
// it reads as, so a secret that expands to "null" or "true" survives; one
// bound for a number or a bool is re-typed from its new text, quoted or not,
// so reply_ms: "${REPLY_MS:-2000}" is an int.
func (w *walker) scalar(n *yaml.Node, t reflect.Type, path string) {
	if shape(t) != "single value" && shape(t) != "" && n.ShortTag() != "!!null" {
		w.misshapen(n, t, path, "a single value")
		return
	}
	if w.hook == nil {
		return
	}
	raw, seen := w.written[n]
	if !seen {
		raw = n.Value
		w.written[n] = raw
	}
	val, probs := w.hook(Scalar{Field: path, Line: n.Line, Value: raw, Kind: t.Kind()})
	for _, p := range probs {
		if p.File == "" {
			p.File = w.file
		}
		if p.Line == 0 {
			p.Line = n.Line
		}
		if p.Field == "" {
			p.Field = path
		}
		w.probs = append(w.probs, p)
		w.flagged[p.Field] = true
	}
	if val == n.Value {
		return
	}
	n.Value = val
	if t.Kind() == reflect.String || readsText(t) {
		n.Tag = "!!str"
		return
	}
	n.Tag = ""
	n.Style &^= yaml.TaggedStyle | yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
}

// misshapen reports a node of the wrong shape (got: "a list") in words a
// YAML author knows, where yaml.v3 would name a Go type.
func (w *walker) misshapen(n *yaml.Node, t reflect.Type, path, got string) {
	want := shape(t)
	fix := "write one value here, not a list or a mapping"
	switch {
	case want == "list":
		fix = "write one - item per line under it, or [a, b]"
	case t.Kind() == reflect.Struct:
		fix = "write its fields as key: value lines under it; known fields here: " + strings.Join(fieldsOf(t).names(), ", ")
	case want == "mapping":
		fix = "write key: value lines under it"
	}
	line := n.Line
	if l, ok := w.layout.Lines[path]; ok {
		line = l // the key's line: a block under it starts a line later
	}
	w.problemAt(n, line, path, fmt.Sprintf("%s where a %s belongs", got, want), fix)
}

// dropPairs removes the key-value pairs starting at the given indexes of
// n.Content: yaml.v3 refuses a whole mapping that repeats a key, and the
// type errors in the rest of it are worth reporting with the repeat.
func dropPairs(n *yaml.Node, at []int) {
	for k := len(at) - 1; k >= 0; k-- {
		i := at[k]
		n.Content = append(n.Content[:i:i], n.Content[i+2:]...)
	}
}

func isMerge(key *yaml.Node) bool {
	return key.Kind == yaml.ScalarNode && key.Value == "<<" && key.ShortTag() == "!!merge"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
