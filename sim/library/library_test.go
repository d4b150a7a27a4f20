package library_test

import (
	"io/fs"
	"os"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

func TestTheEmbeddedLibrary(t *testing.T) {
	lib, err := library.Load()
	require.NoError(t, err)

	t.Run("covers exactly the eight categories of the scenario schema", func(t *testing.T) {
		assert.ElementsMatch(t, scenario.Categories, lib.CategoryNames())
	})
	t.Run("maps every category name to itself in briefs", func(t *testing.T) {
		for _, c := range scenario.Categories {
			assert.Equal(t, []string{c}, lib.Focus[c], c)
		}
	})
	t.Run("has rules whose patterns compile and name rubric dimensions", func(t *testing.T) {
		for _, name := range lib.CategoryNames() {
			c := lib.Categories[name]
			rules := append(append([]library.Rule{}, c.Must...), c.MustNot...)
			for _, ln := range append(append([]library.Line{}, c.Openings...), c.Lines...) {
				rules = append(append(rules, ln.Must...), ln.MustNot...)
			}
			for _, r := range rules {
				_, err := regexp.Compile(r.Pattern)
				assert.NoError(t, err, "%s: %s", name, r.Name)
				if r.Dimension != "" {
					assert.Contains(t, scenario.Dimensions, r.Dimension, "%s: %s", name, r.Name)
				}
			}
		}
	})
}

func TestCheckCatchesABrokenLibrary(t *testing.T) {
	fsys := copyOf(t)
	fsys["categories/zz-new.yaml"] = &fstest.MapFile{Data: []byte(`
name: zz-new
ages: [90, 20]
cultures: {es: [xx]}
epithets: {f: [""], m: [""]}
backstories: ["a person"]
styles: [{describe: shouting, transforms: [scream]}]
tactics: [only one]
beats: [1, 2]
openings:
  - intent: hostile
    at: sometime
    text: {es: ["no utterance here"]}
`)}
	_, err := library.LoadFS(fsys)
	require.Error(t, err)
	for _, want := range []string{
		"categories/zz-new.yaml: ages: [90 20] is not a range within 12–110",
		`categories/zz-new.yaml: cultures.es: "xx" has no names (f and m) or surnames in people.yaml`,
		`categories/zz-new.yaml: line 0: at: "sometime"; use one of early, any, late, end, last`,
		`categories/zz-new.yaml: line 0 (es): "no utterance here" has no {u}`,
		`categories/zz-new.yaml: styles: transform "scream" is unknown`,
		"categories/zz-new.yaml: tactics: want at least two",
	} {
		assert.Contains(t, err.Error(), want)
	}
}

// copyOf is the library directory as an in-memory file system to break.
func copyOf(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	src := os.DirFS(".")
	for _, pattern := range []string{"*.yaml", "categories/*.yaml"} {
		names, err := fs.Glob(src, pattern)
		require.NoError(t, err)
		for _, n := range names {
			data, err := fs.ReadFile(src, n)
			require.NoError(t, err)
			out[n] = &fstest.MapFile{Data: data}
		}
	}
	return out
}

func TestAMisspeltFieldIsReportedWithItsFileLineAndTheFieldMeant(t *testing.T) {
	fsys := copyOf(t)
	fsys["categories/zz-typo.yaml"] = &fstest.MapFile{Data: []byte("name: zz-typo\nages: [30, 40]\ntactcs: [one, two]\n")}
	fsys["people.yaml"] = &fstest.MapFile{Data: append(fsys["people.yaml"].Data, []byte("\nsurname: {}\n")...)}
	_, err := library.LoadFS(fsys)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `categories/zz-typo.yaml:3: tactcs: unknown field; did you mean "tactics"?`)
	assert.Contains(t, err.Error(), `people.yaml:`, "every broken file is named, not only the first")
	assert.Contains(t, err.Error(), `surname: unknown field; did you mean "surnames"?`)
}
