package golden

import (
	"fmt"
	"strings"
)

// contextLines is how many unchanged lines a diff shows around each change.
const contextLines = 2

// maxCells bounds the table the diff is computed on (lines of want × lines
// of got); past it Diff shows only the first line that differs, since a
// golden file that large is not read as a diff anyway.
const maxCells = 4 << 20

// Diff is a line diff of want against got, in the form of diff -u without
// the hunk headers: "- " lines are only in want, "+ " lines only in got,
// "  " lines are context, and each hunk starts with the line numbers it
// covers. It is "" when the two are equal.
func Diff(wantName string, want []byte, gotName string, got []byte) string {
	if string(want) == string(got) {
		return ""
	}
	a, b := lines(string(want)), lines(string(got))
	var w strings.Builder
	fmt.Fprintf(&w, "--- %s\n+++ %s\n", wantName, gotName)
	if len(a)*len(b) > maxCells {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		fmt.Fprintf(&w, "@@ line %d (files too long to diff in full) @@\n- %s\n+ %s\n", i+1, at(a, i), at(b, i))
		return w.String()
	}
	ops := edits(a, b)
	for start := 0; start < len(ops); {
		if ops[start].kind == ' ' {
			start++
			continue
		}
		// A hunk: from context lines before the first change to context
		// lines after the last change, joining changes fewer than
		// 2*contextLines unchanged lines apart.
		from := max(start-contextLines, 0)
		end := start
		for end < len(ops) {
			next := end
			for next < len(ops) && ops[next].kind == ' ' {
				next++
			}
			if next == len(ops) || next-end > 2*contextLines {
				break
			}
			for next < len(ops) && ops[next].kind != ' ' {
				next++
			}
			end = next
		}
		to := min(end+contextLines, len(ops))
		fmt.Fprintf(&w, "@@ %s line %d, %s line %d @@\n", wantName, ops[from].a+1, gotName, ops[from].b+1)
		for _, op := range ops[from:to] {
			w.WriteString(string(op.kind) + " " + op.text + "\n")
		}
		start = to
	}
	return w.String()
}

// op is one line of the diff: kind ' ', '-' or '+', and the line numbers
// (0-based) it is at in want and in got.
type op struct {
	kind byte
	text string
	a, b int
}

// edits is a shortest edit script from a to b, by longest common
// subsequence.
func edits(a, b []string) []op {
	n, m := len(a), len(b)
	// lcs[i][j] is the length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, op{' ', a[i], i, j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, op{'-', a[i], i, j})
			i++
		default:
			out = append(out, op{'+', b[j], i, j})
			j++
		}
	}
	return out
}

// lines splits s into lines; a missing final newline shows as a line of
// its own, so a diff about it is not empty.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	ls := strings.Split(s, "\n")
	if ls[len(ls)-1] == "" {
		return ls[:len(ls)-1]
	}
	ls[len(ls)-1] += " (no newline at end)"
	return ls
}

func at(ls []string, i int) string {
	if i < len(ls) {
		return ls[i]
	}
	return "(end of file)"
}
