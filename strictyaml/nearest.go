package strictyaml

import (
	"fmt"
	"sort"
	"strings"
)

// Nearest is the name in names closest to got, for a "did you mean": a near
// miss (a typo, a swapped pair of letters, a word cut short), else "". Ties go
// to the first name in sorted order, so the suggestion is stable.
func Nearest(got string, names []string) string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	// A third of the word may be wrong, at most three edits: enough for
	// "langauges" and "nmae", not so much that "foo" becomes "bot".
	limit := max(1, min(3, len(got)/3))
	best, bestD := "", limit+1
	for _, n := range sorted {
		if d := distance(got, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" {
		return best
	}
	if len(got) >= 3 {
		for _, n := range sorted {
			if strings.HasPrefix(n, got) || strings.HasPrefix(got, n) {
				return n
			}
		}
	}
	return ""
}

// unknownFix suggests the closest known field, then lists them all.
func unknownFix(got string, known []string) string {
	list := "known fields here: " + strings.Join(known, ", ")
	if best := Nearest(got, known); best != "" {
		return fmt.Sprintf("did you mean %q? %s", best, list)
	}
	return "remove it or move it; " + list
}

// distance is the optimal string alignment distance: the Levenshtein
// distance where swapping two neighbouring letters counts as one edit, the
// most common typo in a field name.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
