package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffShowsOnlyTheChangedLinesWithTheirContext(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\n"
	got := "a\nb\nc\nD\ne\nf\ng\nh\ni\n"
	assert.Equal(t, `--- want
+++ got
@@ want line 2, got line 2 @@
  b
  c
- d
+ D
  e
  f
  g
  h
+ i
`, Diff("want", []byte(want), "got", []byte(got)))
}

func TestDiffSplitsHunksFarApart(t *testing.T) {
	var a, b []string
	for i := range 20 {
		a = append(a, strings.Repeat("x", i+1))
	}
	b = append(b, a...)
	b[1], b[17] = "first", "second"
	d := Diff("w", []byte(strings.Join(a, "\n")+"\n"), "g", []byte(strings.Join(b, "\n")+"\n"))
	assert.Equal(t, 2, strings.Count(d, "@@ w line"), d)
	assert.Contains(t, d, "- xx\n+ first\n")
	assert.Contains(t, d, "- "+strings.Repeat("x", 18)+"\n+ second\n")
}

func TestDiffIsEmptyForEqualInputAndTellsAMissingFinalNewline(t *testing.T) {
	assert.Empty(t, Diff("w", []byte("a\n"), "g", []byte("a\n")))
	assert.Contains(t, Diff("w", []byte("a\n"), "g", []byte("a")), "+ a (no newline at end)")
}

// fakeT records what a helper reported instead of failing the real test.
type fakeT struct {
	testing.TB
	errors []string
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Name() string                      { return "TestSomething/sub" }
func (f *fakeT) Errorf(format string, args ...any) { f.errors = append(f.errors, format) }
func (f *fakeT) Logf(string, ...any)               {}

func TestCheckFailsWithADiffAndRewritesUnderUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	require.NoError(t, os.WriteFile(path, []byte("one\ntwo\n"), 0o644))

	ft := &fakeT{TB: t}
	check(ft, path, []byte("one\ntwo\n"), false)
	assert.Empty(t, ft.errors, "equal output passes")

	check(ft, path, []byte("one\nthree\n"), false)
	assert.Len(t, ft.errors, 1, "a different output fails")

	check(ft, path, []byte("one\nthree\n"), true)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "one\nthree\n", string(data))
}

func TestCheckHeaderComparesAndRewritesOnlyItsKeysLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.yaml")
	orig := "# What this file breaks.\n# want: old problem\n# never: hunter2\nname: x\n# a comment in the body\n"
	require.NoError(t, os.WriteFile(path, []byte(orig), 0o644))

	ft := &fakeT{TB: t}
	checkHeader(ft, path, "want", []string{"old problem"}, false)
	assert.Empty(t, ft.errors)
	checkHeader(ft, path, "want", []string{"new problem", "another"}, false)
	assert.Len(t, ft.errors, 1)
	assert.Equal(t, []string{"hunter2"}, Header(t, path, "never"))

	checkHeader(ft, path, "want", []string{"new problem", "another"}, true)
	assert.Len(t, ft.errors, 2, "a rewrite that changes the header's length says the lines below moved")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "# What this file breaks.\n# want: new problem\n# want: another\n# never: hunter2\nname: x\n# a comment in the body\n", string(data))
}

func TestCheckHeaderPutsNewLinesAfterTheProse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.yaml")
	require.NoError(t, os.WriteFile(path, []byte("# What it breaks,\n# in two lines.\n# never: s3cret\nname: x\n"), 0o644))
	ft := &fakeT{TB: t}
	checkHeader(ft, path, "want", []string{"a problem"}, false)
	assert.Len(t, ft.errors, 1, "a file with no want lines fails")

	checkHeader(ft, path, "want", []string{"a problem"}, true)
	checkHeader(ft, path, "want", []string{"a problem"}, true)
	assert.Len(t, ft.errors, 2, "the first rewrite moved the lines below; the second changes nothing")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "# What it breaks,\n# in two lines.\n# want: a problem\n# never: s3cret\nname: x\n", string(data))
}

func TestRewriteNamesThePackageTheTopLevelTestAndTheFlag(t *testing.T) {
	assert.Equal(t, "go test ./golden -run '^TestSomething$' -update", Rewrite(&fakeT{TB: t}))
}

func TestTheEnvTwinTurnsUpdatingOn(t *testing.T) {
	t.Setenv(EnvUpdate, "1")
	assert.True(t, Updating())
	t.Setenv(EnvUpdate, "")
	assert.Equal(t, *update, Updating())
}

func TestCheckHeaderRefusesAValueOnTwoLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.yaml")
	orig := "# What it breaks.\n# want: one\nname: x\n"
	require.NoError(t, os.WriteFile(path, []byte(orig), 0o644))
	ft := &fakeT{TB: t}
	checkHeader(ft, path, "want", []string{"errors:\n  line 3: bad"}, true)
	assert.Len(t, ft.errors, 1)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, orig, string(data), "the file is left alone")
}
