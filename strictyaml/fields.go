package strictyaml

import (
	"encoding"
	"reflect"
	"sort"
	"strings"
)

// fieldSet is what a struct accepts in a mapping, read from its yaml tags the
// way yaml.v3 reads them: exported fields by tag name (or the lowercased field
// name), ",inline" structs merged in, and an ",inline" map taking any other key.
type fieldSet struct {
	known map[string]reflect.Type
	rest  reflect.Type // the value type of an inline map; nil when other keys are unknown
}

func fieldsOf(t reflect.Type) fieldSet {
	fs := fieldSet{known: map[string]reflect.Type{}}
	fs.add(t)
	return fs
}

func (fs *fieldSet) add(t reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if hasOption(opts, "inline") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch ft.Kind() {
			case reflect.Struct:
				fs.add(ft)
			case reflect.Map:
				fs.rest = ft.Elem()
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs.known[name] = f.Type
	}
}

// names are the known field names, sorted, for messages.
func (fs fieldSet) names() []string {
	out := make([]string, 0, len(fs.known))
	for n := range fs.known {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func hasOption(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decodesItself: the type has its own UnmarshalYAML, so what it accepts is
// its business, not its fields'.
func decodesItself(t reflect.Type) bool {
	if _, ok := reflect.PointerTo(t).MethodByName("UnmarshalYAML"); ok {
		return true
	}
	_, ok := t.MethodByName("UnmarshalYAML")
	return ok
}

// readsText: yaml.v3 decodes a scalar into the type through UnmarshalText
// (time.Time, net.IP, ...), so a single value is its right shape.
func readsText(t reflect.Type) bool {
	return t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler)
}

// shape is what a YAML author must write for t: "mapping", "list", "single
// value", or "" when anything goes (an interface).
func shape(t reflect.Type) string {
	switch {
	case t.Kind() == reflect.Interface:
		return ""
	case readsText(t):
		return "single value"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "mapping"
	case reflect.Slice, reflect.Array:
		return "list"
	}
	return "single value"
}
