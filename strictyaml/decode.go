package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// DecodeFile reads the YAML file at path into v (a non-nil pointer) strictly.
// Every problem with the contents comes back at once as Problems, each
// naming path as given; a file that cannot be read is the os error, wrapped.
func DecodeFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%w; check the path", err)
	}
	return Decode(path, data, v)
}

// Decode is DecodeFile for data already read; file names it in problems.
func Decode(file string, data []byte, v any) error {
	_, err := DecodeWith(file, data, v, Options{})
	return err
}

// Options are what DecodeWith can do beyond Decode.
type Options struct {
	// Scalar, when set, sees every scalar value before it is decoded and
	// returns the text to decode instead (s.Value to keep it) and any
	// problems with it. A problem it leaves without File, Line or Field
	// gets the scalar's.
	Scalar func(s Scalar) (string, []Problem)
	// Fixes replace the generic advice for problems whose remedy depends
	// on what the file holds.
	Fixes Fixes
}

// Scalar is one scalar value on its way into the Go value.
type Scalar struct {
	Field string       // its path, e.g. "budgets.reply_ms" or "safety.canaries[0]"
	Line  int          // its line in the file
	Value string       // as written, quotes removed
	Kind  reflect.Kind // what it decodes into: reflect.String, reflect.Int, ...
}

// Fixes is the advice for the problems whose remedy depends on the file; an
// empty one keeps the generic advice.
type Fixes struct {
	Empty string // the file holds nothing, e.g. "start from bots/example.yaml"
	Type  string // a value of the wrong type, e.g. "write a value of the type docs/manifest.md gives for this field"
	Extra string // a second YAML document, e.g. "keep one scenario per file; move the others to their own files"
}

func (f Fixes) or(generic Fixes) Fixes {
	if f.Empty == "" {
		f.Empty = generic.Empty
	}
	if f.Type == "" {
		f.Type = generic.Type
	}
	if f.Extra == "" {
		f.Extra = generic.Extra
	}
	return f
}

var genericFixes = Fixes{
	Empty: "fill it in or remove it",
	Type:  "give the field a value of the right type (numbers unquoted, lists as [a, b] or - items)",
	Extra: "keep one document per file; move the others to their own files",
}

// Layout is where things are in a decoded file, for messages about what the
// values mean and for callers to whom order matters.
type Layout struct {
	// Lines maps every field path to its line: a mapping key's line
	// ("graph.states.greeting.on.hello"), a list item's ("safety.canaries[0]").
	Lines map[string]int
	// Keys maps every mapping's path ("" for the top level) to its keys in
	// file order: Go maps forget it.
	Keys map[string][]string
}

// Line is the line of field, else of its closest parent (see LineOf).
func (l *Layout) Line(field string) int { return LineOf(l.Lines, field) }

// DecodeWith decodes data (file names it in problems) into v, a non-nil
// pointer, strictly, and returns the file's layout. On any problem it
// returns nil and every problem found, as Problems sorted by line.
func DecodeWith(file string, data []byte, v any, opts Options) (*Layout, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, fmt.Errorf("strictyaml: decoding %s needs a non-nil pointer, got %T", file, v)
	}
	fixes := opts.Fixes.or(genericFixes)
	var probs Problems
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	switch err := dec.Decode(&doc); {
	case err != nil && !errors.Is(err, io.EOF):
		return nil, Problems{syntaxProblem(file, err)}
	case err != nil || isEmpty(&doc):
		return nil, Problems{{File: file, Msg: "file is empty", Fix: fixes.Empty}}
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		probs = append(probs, syntaxProblem(file, err))
	default:
		probs = append(probs, Problem{File: file, Line: extra.Line, Msg: "more than one YAML document", Fix: fixes.Extra})
	}

	w := newWalker(file, opts.Scalar)
	w.node(&doc, rv.Elem().Type(), "")
	probs = append(probs, w.probs...)
	// Decode even after problems, so the type errors come in the same list.
	if err := doc.Decode(v); err != nil {
		probs = append(probs, w.typeProblems(err, fixes.Type)...)
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return nil, probs
	}
	return w.layout, nil
}

// isEmpty: the document holds nothing but comments, or a bare null.
func isEmpty(doc *yaml.Node) bool {
	if doc.Kind == 0 || doc.Kind == yaml.DocumentNode && len(doc.Content) == 0 {
		return true
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		n := doc.Content[0]
		return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
	}
	return false
}

var (
	syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	typeLine   = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// syntaxProblem turns "yaml: line 3: mapping values are not allowed in this
// context" into a Problem on line 3.
func syntaxProblem(file string, err error) Problem {
	p := Problem{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: "), Fix: "fix the YAML syntax"}
	if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Msg = m[2]
	}
	// yaml.v3 counts the lines of its scanner's errors from 1 but those of
	// its parser's from 0, and leaves out a line 0: one line too early, or
	// none on the first. (For an unclosed [ or { the line is where it opens.)
	if parserProblems[p.Msg] {
		p.Line++
	}
	return p
}

// parserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner's.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// typeProblems turns yaml.v3's type errors ("line 7: cannot unmarshal !!str
// `abc` into int") into Problems on their fields, leaving out what the walk
// has already said: keys defined twice, and fields with a problem of their own.
func (w *walker) typeProblems(err error, fix string) Problems {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return Problems{{File: w.file, Msg: err.Error(), Fix: fix}}
	}
	var probs Problems
	said := map[string]bool{} // yaml.v3 decodes an alias's anchor again, errors and all
	for _, e := range te.Errors {
		if said[e] {
			continue
		}
		said[e] = true
		p := Problem{File: w.file, Msg: e, Fix: fix}
		if m := typeLine.FindStringSubmatch(e); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Msg = m[2]
		}
		if strings.HasPrefix(p.Msg, "mapping key ") && strings.Contains(p.Msg, " already defined at line ") {
			continue
		}
		p.Field = w.fieldAt(p.Line, p.Msg)
		if w.flagged[p.Field] {
			continue
		}
		probs = append(probs, p)
	}
	return probs
}

// fieldAt is the field a type error on line is about: the deepest one whose
// value yaml.v3 would describe as msg does ("cannot unmarshal !!str `fast`
// into int"), which tells apart the fields of a flow mapping on one line;
// else the deepest field whose key is on line; else "".
func (w *walker) fieldAt(line int, msg string) string {
	best, found := "", false
	for _, p := range w.values {
		if p.node.Line != line || !strings.HasPrefix(msg, "cannot unmarshal "+describe(p.node)+" into ") {
			continue
		}
		if !found || len(p.field) > len(best) {
			best, found = p.field, true
		}
	}
	if found {
		return best
	}
	for f, l := range w.layout.Lines {
		if l == line && (len(f) > len(best) || len(f) == len(best) && f < best) {
			best = f
		}
	}
	return best
}

// describe is how yaml.v3 names a node in a type error: its tag, and for a
// scalar its value, cut to 7 bytes and "..." past 10.
func describe(n *yaml.Node) string {
	tag := n.ShortTag()
	if tag == "!!seq" || tag == "!!map" {
		return tag
	}
	v := n.Value
	if len(v) > 10 {
		v = v[:7] + "..."
	}
	return tag + " `" + v + "`"
}
