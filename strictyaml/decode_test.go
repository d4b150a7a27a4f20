package strictyaml_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/strictyaml"
)

// config is the shape the testdata files decode into: a struct of every kind
// of field the loader walks.
type config struct {
	Name    string           `yaml:"name"`
	Port    int              `yaml:"port"`
	Debug   bool             `yaml:"debug"`
	Tags    []string         `yaml:"tags"`
	Range   [2]int           `yaml:"range"`
	Limits  limits           `yaml:"limits"`
	Routes  map[string]route `yaml:"routes"`
	Owners  []*owner         `yaml:"owners"`
	Extra   any              `yaml:"extra"`
	Skipped string           `yaml:"-"`
	Base    `yaml:",inline"`
}

type Base struct {
	Version int `yaml:"version"`
}

type limits struct {
	ReplyMS  int `yaml:"reply_ms"`
	HealthMS int `yaml:"health_ms"`
}

type route struct {
	Path    string   `yaml:"path"`
	Methods []string `yaml:"methods"`
}

type owner struct {
	Name  string `yaml:"name"`
	Email string `yaml:"email"`
}

// Each testdata file says in "# want:" lines the problems it must produce,
// all of them and in order; a file without any must decode cleanly.
func TestEveryTestdataFileGivesExactlyTheProblemsItWants(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			wants := wantLines(t, file)
			err := strictyaml.DecodeFile(file, &config{})
			if len(wants) == 0 {
				require.NoError(t, err)
				return
			}
			var ps strictyaml.Problems
			require.True(t, errors.As(err, &ps), "the error is not Problems: %v", err)
			got := make([]string, len(ps))
			for i, p := range ps {
				got[i] = p.Error()
			}
			assert.Equal(t, wants, got)
		})
	}
}

func wantLines(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var wants []string
	for _, line := range strings.Split(string(data), "\n") {
		if w, ok := strings.CutPrefix(line, "# want: "); ok {
			wants = append(wants, w)
		}
	}
	return wants
}

func TestDecodeFillsTheValue(t *testing.T) {
	var c config
	require.NoError(t, strictyaml.DecodeFile("testdata/valid.yaml", &c))
	assert.Equal(t, "shop", c.Name)
	assert.Equal(t, 8080, c.Port)
	assert.Equal(t, 3, c.Version, "an inline struct's field")
	assert.Equal(t, [2]int{1, 5}, c.Range)
	assert.Equal(t, route{Path: "/about", Methods: []string{"GET"}}, c.Routes["about"], "merged with <<, path overridden")
	assert.Equal(t, "luis@example.com", c.Owners[1].Email)
}

func TestDecodeWithGivesTheLayout(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.yaml")
	require.NoError(t, err)
	layout, err := strictyaml.DecodeWith("valid.yaml", data, &config{}, strictyaml.Options{})
	require.NoError(t, err)
	for field, line := range map[string]int{
		"name":            2,
		"limits.reply_ms": 9,
		"routes.home":     12,
		"routes.about":    15,
		"owners[1]":       21,
		"owners[1].email": 21,
		"extra.anything":  23,
	} {
		assert.Equal(t, line, layout.Lines[field], field)
	}
	assert.Equal(t, []string{"name", "port", "debug", "version", "tags", "range", "limits", "routes", "owners", "extra"}, layout.Keys[""])
	assert.Equal(t, []string{"home", "about"}, layout.Keys["routes"], "a Go map forgets this order")
	assert.Equal(t, 21, layout.Line("owners[1].phone"), "an unknown path falls back to its parent")
	assert.Equal(t, 0, layout.Line("nowhere"))
}

func TestTheScalarHookRewritesValuesBeforeTheyAreDecoded(t *testing.T) {
	env := map[string]string{"${NAME}": "null", "${PORT}": "9090", "${DEBUG}": "true", "${TAG}": "x"}
	var seen []strictyaml.Scalar
	hook := func(s strictyaml.Scalar) (string, []strictyaml.Problem) {
		seen = append(seen, s)
		if s.Value == "${MISSING}" {
			return "", []strictyaml.Problem{{Msg: "${MISSING} is not set", Fix: "export it"}}
		}
		if v, ok := env[s.Value]; ok {
			return v, nil
		}
		return s.Value, nil
	}
	src := "name: ${NAME}\nport: \"${PORT}\"\ndebug: '${DEBUG}'\ntags: [\"${TAG}\", plain]\n"

	t.Run("a string stays a string, a number or a bool is re-typed even if quoted", func(t *testing.T) {
		var c config
		_, err := strictyaml.DecodeWith("hook.yaml", []byte(src), &c, strictyaml.Options{Scalar: hook})
		require.NoError(t, err)
		assert.Equal(t, config{Name: "null", Port: 9090, Debug: true, Tags: []string{"x", "plain"}}, c)
	})
	t.Run("it sees each scalar's field, line, text and kind", func(t *testing.T) {
		seen = nil
		_, err := strictyaml.DecodeWith("hook.yaml", []byte(src), &config{}, strictyaml.Options{Scalar: hook})
		require.NoError(t, err)
		assert.Equal(t, []strictyaml.Scalar{
			{Field: "name", Line: 1, Value: "${NAME}", Kind: reflect.String},
			{Field: "port", Line: 2, Value: "${PORT}", Kind: reflect.Int},
			{Field: "debug", Line: 3, Value: "${DEBUG}", Kind: reflect.Bool},
			{Field: "tags[0]", Line: 4, Value: "${TAG}", Kind: reflect.String},
			{Field: "tags[1]", Line: 4, Value: "plain", Kind: reflect.String},
		}, seen)
	})
	t.Run("its problems get the scalar's file, line and field, and no type error doubles them", func(t *testing.T) {
		_, err := strictyaml.DecodeWith("hook.yaml", []byte("name: a\nport: ${MISSING}\n"), &config{}, strictyaml.Options{Scalar: hook})
		assert.EqualError(t, err, "hook.yaml:2: port: ${MISSING} is not set; export it")
	})
	t.Run("an anchor used twice is rewritten from what was written, not twice over", func(t *testing.T) {
		double := func(s strictyaml.Scalar) (string, []strictyaml.Problem) { return s.Value + s.Value, nil }
		var c config
		_, err := strictyaml.DecodeWith("alias.yaml", []byte("name: &n ab\ntags: [*n, *n]\n"), &c, strictyaml.Options{Scalar: double})
		require.NoError(t, err)
		assert.Equal(t, "abab", c.Name)
		assert.Equal(t, []string{"abab", "abab"}, c.Tags)
	})
}

func TestFixesReplaceTheGenericAdvice(t *testing.T) {
	opts := strictyaml.Options{Fixes: strictyaml.Fixes{
		Empty: "start from example.yaml",
		Type:  "see docs/manifest.md",
		Extra: "one bot per file",
	}}
	for _, tc := range []struct{ name, src, want string }{
		{"an empty file", "# nothing\n", "x.yaml: file is empty; start from example.yaml"},
		{"a wrong type", "port: abc\n", "x.yaml:1: port: cannot unmarshal !!str `abc` into int; see docs/manifest.md"},
		{"a second document", "name: a\n---\nname: b\n", "x.yaml:2: more than one YAML document; one bot per file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := strictyaml.DecodeWith("x.yaml", []byte(tc.src), &config{}, opts)
			assert.EqualError(t, err, tc.want)
		})
	}
}

func TestDecodeFileSaysWhatToDoWithAFileItCannotRead(t *testing.T) {
	err := strictyaml.DecodeFile("testdata/nope.yaml", &config{})
	assert.ErrorIs(t, err, os.ErrNotExist)
	assert.ErrorContains(t, err, "testdata/nope.yaml")
	assert.ErrorContains(t, err, "check the path")
}

func TestDecodeRefusesSomethingItCannotFill(t *testing.T) {
	assert.ErrorContains(t, strictyaml.Decode("x.yaml", []byte("name: a"), config{}), "non-nil pointer")
	assert.ErrorContains(t, strictyaml.Decode("x.yaml", []byte("name: a"), (*config)(nil)), "non-nil pointer")
}

// yaml.v3 numbers its parser's errors from 0 and its scanner's from 1; the
// problems carry the line a person sees in an editor.
func TestASyntaxErrorIsOnTheLineAnEditorShows(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
	}{
		{"an unclosed flow mapping, where it opens", "# c\nname: a\nlimits: {reply_ms: 300\nport: 1\n", 3},
		{"an unclosed flow list opened on the first line, where it is noticed", "tags: [a, b\nport: 1\n", 2},
		{"a document that is only a closing bracket", "]\n", 1},
		{"a list item out of line", "name: a\ntags:\n  - x\n - y\n", 4},
		{"a value that is a mapping on one line", "name: a\nport: b: c\n", 2},
		{"a tab in the indentation", "name: a\n\tport: 2\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := strictyaml.Decode("s.yaml", []byte(tc.src), &config{})
			var ps strictyaml.Problems
			if assert.True(t, errors.As(err, &ps), "%v", err) && assert.Len(t, ps, 1) {
				assert.Equal(t, tc.line, ps[0].Line, ps[0].Error())
				assert.Equal(t, "fix the YAML syntax", ps[0].Fix)
			}
		})
	}
}

// open takes any other key through an inline map.
type open struct {
	Name string         `yaml:"name"`
	Rest map[string]int `yaml:",inline"`
}

// celsius reads itself from "21C": what it accepts is its own business.
type celsius struct{ Degrees int }

func (c *celsius) UnmarshalYAML(n *yaml.Node) error {
	_, err := fmt.Sscanf(n.Value, "%dC", &c.Degrees)
	return err
}

type room struct {
	Temp celsius   `yaml:"temp"`
	Seen time.Time `yaml:"seen"`
}

func TestTheGoTypesOwnRulesAreKept(t *testing.T) {
	t.Run("an inline map takes any other key, checked against its value type", func(t *testing.T) {
		err := strictyaml.Decode("o.yaml", []byte("name: a\nx: 1\ny: two\n"), &open{})
		assert.EqualError(t, err, "o.yaml:3: y: cannot unmarshal !!str `two` into int; give the field a value of the right type (numbers unquoted, lists as [a, b] or - items)")
		var o open
		require.NoError(t, strictyaml.Decode("o.yaml", []byte("name: a\nx: 1\n"), &o))
		assert.Equal(t, open{Name: "a", Rest: map[string]int{"x": 1}}, o)
	})
	t.Run("a type with its own UnmarshalYAML or UnmarshalText is not walked", func(t *testing.T) {
		var r room
		require.NoError(t, strictyaml.Decode("r.yaml", []byte("temp: 21C\nseen: 2026-05-01T10:00:00Z\n"), &r))
		assert.Equal(t, 21, r.Temp.Degrees)
		assert.Equal(t, 2026, r.Seen.Year())
	})
}
