package golden

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// A data file under testdata/ may say what a test must make of it in the
// comment lines it starts with, "# key: value", one value a line (a broken
// manifest lists the problems loading it must report: "# want: <problem>").
// The header is the file's leading run of lines that start with "#"; its
// first line says in words what the file is about and is never rewritten.

// keyLine is a header line that holds a value rather than prose.
var keyLine = regexp.MustCompile(`^# [a-z_]+: `)

// Header returns the values of the file's "# key: " header lines, in order.
func Header(t testing.TB, path, key string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the header of %s: %v", path, err)
	}
	var out []string
	for _, line := range header(string(data)) {
		if v, ok := strings.CutPrefix(line, "# "+key+": "); ok {
			out = append(out, v)
		}
	}
	return out
}

// CheckHeader compares the file's "# key: " header lines with got, failing
// the test with a diff when they differ. With -update it rewrites those
// lines from got instead, where they stood (or after the file's prose
// comment lines when it had none), and leaves the rest of the file as it is.
func CheckHeader(t testing.TB, path, key string, got []string) {
	t.Helper()
	checkHeader(t, path, key, got, Updating())
}

func checkHeader(t testing.TB, path, key string, got []string, update bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the header of %s: %v", path, err)
	}
	text := string(data)
	lines := strings.SplitAfter(text, "\n")
	prefix := "# " + key + ": "
	n := len(header(text))
	var want []string
	at := -1 // where the key's lines go
	kept := make([]string, 0, len(lines)+len(got))
	for i, line := range lines {
		if i < n && strings.HasPrefix(line, prefix) {
			want = append(want, strings.TrimRight(strings.TrimPrefix(line, prefix), "\r\n"))
			if at < 0 {
				at = len(kept)
			}
			continue
		}
		if i < n && at < 0 && i > 0 && keyLine.MatchString(line) {
			at = len(kept) // before the first other key line, after the prose
		}
		kept = append(kept, line)
	}
	if at < 0 {
		at = n // no key lines at all: at the end of the header
	}
	for i, g := range got {
		if strings.ContainsAny(g, "\r\n") {
			t.Errorf("%s: value %d for its %q header lines holds a line break, which a header line cannot: %q", path, i+1, prefix, g)
			return
		}
	}
	if update {
		fresh := make([]string, len(got))
		for i, g := range got {
			fresh[i] = prefix + g + "\n"
		}
		out := strings.Join(append(append(append([]string(nil), kept[:at]...), fresh...), kept[at:]...), "")
		if out != text {
			Write(t, path, []byte(out))
		}
		if len(got) != len(want) {
			// What got says of the file's lines (a problem's line number)
			// was said of the file before the header changed length.
			t.Errorf("%s: rewrote its %q header lines, %d where there were %d, so the lines below moved; run -update once more, then without it", path, prefix, len(got), len(want))
		}
		return
	}
	if len(want) == 0 {
		t.Errorf("%s has no %q header lines saying what the test must get; write them with %s", path, prefix, Rewrite(t))
		return
	}
	join := func(vs []string) []byte {
		if len(vs) == 0 {
			return nil
		}
		return []byte(prefix + strings.Join(vs, "\n"+prefix) + "\n")
	}
	if d := Diff(path+" (its header)", join(want), "this run", join(got)); d != "" {
		t.Errorf("%s: the %q header lines differ from this run; if the change is on purpose, rewrite them with %s and review the diff:\n%s", path, prefix, Rewrite(t), d)
	}
}

// header is the file's leading lines that start with "#", without their
// line ends.
func header(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		out = append(out, strings.TrimRight(line, "\r"))
	}
	return out
}
