package scenario

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkFields walks the YAML node tree against the Go type it decodes into,
// reporting unknown fields with their line and the closest known name, and
// recording the line of every known field for later messages. yaml.v3's own
// KnownFields check stops at the first unknown field and names no path; this
// one reports them all.
func checkFields(n *yaml.Node, t reflect.Type, path, file string, lines map[string]int, probs *Problems) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.DocumentNode:
		for _, c := range n.Content {
			checkFields(c, t, path, file, lines, probs)
		}
	case n.Kind == yaml.AliasNode && n.Alias != nil:
		checkFields(n.Alias, t, path, file, lines, probs)
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			child := join(path, key.Value)
			ft, ok := fields[key.Value]
			if !ok {
				*probs = append(*probs, Problem{
					File: file, Line: key.Line, Field: child,
					Msg: "unknown field",
					Fix: unknownFix(key.Value, fields),
				})
				continue
			}
			lines[child] = key.Line
			checkFields(val, ft, child, file, lines, probs)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			child := fmt.Sprintf("%s[%d]", path, i)
			lines[child] = item.Line
			checkFields(item, t.Elem(), child, file, lines, probs)
		}
	}
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
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// unknownFix suggests the closest known field, else lists them all.
func unknownFix(key string, fields map[string]reflect.Type) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	best, bestD := "", 1<<30
	for _, k := range names {
		if d := distance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= 2 || strings.HasPrefix(best, key) || strings.HasPrefix(key, best) {
		return fmt.Sprintf("did you mean %q? (known fields here: %s)", best, strings.Join(names, ", "))
	}
	return "remove it; known fields here: " + strings.Join(names, ", ")
}

// distance is the Levenshtein distance, for "did you mean".
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
