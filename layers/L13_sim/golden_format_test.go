package l13sim_test

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// tolerance is how far a score may move, per dimension and in total, before
// the golden test fails: the judge is deterministic, so a move means the bot
// or the rules changed; the slack keeps a reworded reply from failing the
// layer over a minor finding.
const tolerance = 2

// goldenPath is the golden file of a bot.
func goldenPath(bot string) string {
	return filepath.Join("testdata", bot+".golden")
}

// goldenLine is one scenario's line: its total and points per dimension.
type goldenLine struct {
	ID         string
	Total      int
	Dimensions judge.Dimensions
}

func goldenLineOf(r judge.Result) goldenLine {
	return goldenLine{ID: r.ScenarioID, Total: r.Total, Dimensions: r.Dimensions}
}

// line is the golden line, in fixed-width columns so a diff lines up.
func (g goldenLine) line() string {
	s := fmt.Sprintf("%-28s %5d", g.ID, g.Total)
	for _, d := range judge.AllDimensions {
		s += fmt.Sprintf(" %*d", len(d), g.Dimensions.Get(d))
	}
	return s
}

// formatGolden writes the golden file: a header saying what it is and how
// to rewrite it, then one line per scenario sorted by id. Points only: no
// times, phones, run ids or quotes, so it changes only when a score does.
func formatGolden(bot string, results []judge.Result) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Judge scores of %s's sim scenarios, played by the scripted customer against\n", bot)
	fmt.Fprintf(&b, "# the clean bot. One line per scenario, sorted; a score may move ±%d points per\n", tolerance)
	fmt.Fprintf(&b, "# dimension and in total, a bigger drop fails layers/L13_sim. Rewrite after a\n")
	fmt.Fprintf(&b, "# change on purpose: go test ./layers/L13_sim/... -bot=%s -update\n", bot)
	weights := make([]string, len(judge.AllDimensions))
	for i, d := range judge.AllDimensions {
		weights[i] = fmt.Sprintf("%s %d", d, judge.Weights.Get(d))
	}
	fmt.Fprintf(&b, "# Points out of: %s (total 100).\n", strings.Join(weights, ", "))
	cols := fmt.Sprintf("%-28s %5s", "# scenario", "total")
	for _, d := range judge.AllDimensions {
		cols += " " + string(d)
	}
	b.WriteString(cols + "\n")
	gs := make([]goldenLine, len(results))
	for i, r := range results {
		gs[i] = goldenLineOf(r)
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	for _, g := range gs {
		b.WriteString(g.line() + "\n")
	}
	return b.Bytes()
}

// parseGolden reads a golden file back: comment and blank lines are
// skipped; every other line is an id, a total and the five dimensions.
func parseGolden(path string, data []byte) (map[string]goldenLine, error) {
	out := map[string]goldenLine{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2+len(judge.AllDimensions) {
			return nil, fmt.Errorf("%s:%d: want a scenario id, a total and %d dimensions, got %q; rewrite it with -update", path, n, len(judge.AllDimensions), text)
		}
		nums := make([]int, len(fields)-1)
		for i, f := range fields[1:] {
			v, err := strconv.Atoi(f)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %q is not a whole number of points: %w; rewrite it with -update", path, n, f, err)
			}
			nums[i] = v
		}
		g := goldenLine{ID: fields[0], Total: nums[0]}
		for i, d := range judge.AllDimensions {
			g.Dimensions.Set(d, nums[1+i])
		}
		if _, dup := out[g.ID]; dup {
			return nil, fmt.Errorf("%s:%d: scenario %s has two lines; rewrite it with -update", path, n, g.ID)
		}
		out[g.ID] = g
	}
	return out, sc.Err()
}

// checkGolden compares a scenario's score with its golden line. It returns
// "" when every dimension and the total are within tolerance; otherwise a
// message naming each dimension that moved, the findings behind a drop
// (points, turn, evidence quote), and the diff of the golden line.
func checkGolden(want goldenLine, got judge.Result) string {
	var moved []string
	for _, d := range judge.AllDimensions {
		w, g := want.Dimensions.Get(d), got.Dimensions.Get(d)
		if abs(g-w) <= tolerance {
			continue
		}
		moved = append(moved, fmt.Sprintf("%s: %d → %d (%s)", d, w, g, signed(g-w)))
		if g < w {
			causes := 0
			for _, f := range got.Findings {
				if f.Dimension == d && f.Points > 0 {
					moved = append(moved, "  caused by "+findingLine(f))
					causes++
				}
			}
			if causes == 0 {
				moved = append(moved, "  (no finding of this dimension explains it)")
			}
		} else {
			moved = append(moved, "  it rose: the golden file is out of date")
		}
	}
	if d := got.Total - want.Total; abs(d) > tolerance {
		moved = append(moved, fmt.Sprintf("total: %d → %d (%s)", want.Total, got.Total, signed(d)))
	}
	if len(moved) == 0 {
		return ""
	}
	return fmt.Sprintf("%s moved beyond ±%d points from its golden line:\n  %s\ngolden diff:\n- %s\n+ %s",
		want.ID, tolerance, strings.Join(moved, "\n  "), want.line(), goldenLineOf(got).line())
}

// signed writes a change of points the way findings do: +3, −16.
func signed(n int) string {
	if n < 0 {
		return fmt.Sprintf("−%d", -n)
	}
	return fmt.Sprintf("+%d", n)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
