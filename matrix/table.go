package matrix

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// WriteTable writes the matrix as a table, defect by defect and bot by bot,
// then what went wrong and the one-line summary. verbose lists every
// catching test in full with its first failure line; otherwise a few
// shortened names per layer.
func (r *Report) WriteTable(w io.Writer, verbose bool) {
	rows := [][]string{{"", "DEFECT", "CATALOG", "BOT", "RUN", "CAUGHT BY"}}
	var notes [][]string // per row index: lines under the row
	for _, v := range r.Verdicts {
		for i, b := range v.Bots {
			mark, name, cat := "", "", ""
			if i == 0 {
				name, cat = v.Defect, layerIDs(v.Catalog, " ")
				if v.Marked() {
					mark = "!"
				}
				if v.Status != Caught {
					mark = "✗"
					if v.Status == NotChecked {
						mark = "-"
					}
				}
			}
			rows = append(rows, []string{mark, name, cat, b.Bot, botRun(b), caughtBy(b, verbose)})
			notes = append(notes, nil)
		}
		if lines := verdictNotes(v, verbose); len(lines) > 0 {
			notes[len(notes)-1] = lines
		}
	}
	writeRows(w, rows, notes)
	if len(r.Shared) > 0 && len(r.Bots) > 0 {
		fmt.Fprintf(w, "\n%s tests every bot in one binary: it ran once per defect (CAAS_BOT=%s), and each bot's row reads that bot's subtests.\n", layerIDs(r.Shared, ", "), r.Bots[0])
	}
	fmt.Fprintln(w, "\n! a catalog layer ran (or is missing) and did not catch it   ✗ not caught   - not checked   crash/timeout: red only because a test binary died")
	r.writeProblems(w)
	fmt.Fprintln(w, r.Summary())
}

// Summary is the last line: "caught 22/22 defects; clean run green".
func (r *Report) Summary() string {
	n := r.Count()
	var b strings.Builder
	fmt.Fprintf(&b, "caught %d/%d defects", n[Caught], len(r.Verdicts))
	var extra []string
	for _, st := range []Status{Escaped, Undecided, NotChecked} {
		if names := r.named(st); len(names) > 0 {
			extra = append(extra, string(st)+": "+strings.Join(names, ", "))
		}
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, "; ") + ")")
	}
	switch {
	case r.CleanGreen():
		b.WriteString("; clean run green")
	default:
		fmt.Fprintf(&b, "; clean run RED (%s)", plural(len(r.Clean)+r.CleanMissed, "failure"))
	}
	if refused := r.Refused(); len(refused) > 0 {
		fmt.Fprintf(&b, "; %s refused by PostgreSQL (too many clients)", plural(len(refused), "run"))
	}
	return b.String()
}

func (r *Report) named(st Status) []string {
	var out []string
	for _, v := range r.Verdicts {
		if v.Status == st {
			out = append(out, v.Defect)
		}
	}
	return out
}

// writeProblems says what went wrong, with enough to start fixing it.
func (r *Report) writeProblems(w io.Writer) {
	if len(r.Clean) > 0 || r.CleanMissed > 0 {
		fmt.Fprintln(w, "\nclean run RED: these fail with no defect on (fix them first; they cannot catch anything):")
		for _, f := range r.Clean {
			what := f.Test
			if what == "" {
				what = "(the test binary)"
			}
			fmt.Fprintf(w, "  %s L%s %s: %s\n", f.Bot, f.Layer, what, f.Line)
		}
		if r.CleanMissed > 0 {
			fmt.Fprintf(w, "  %s never ran\n", plural(r.CleanMissed, "clean run"))
		}
	}
	for _, v := range r.Verdicts {
		switch v.Status {
		case Escaped:
			fmt.Fprintf(w, "\nESCAPED %s (%s): %s stayed green on %s.\n  %s\n", v.Defect, v.Bug, layerIDs(ranLayers(v), " "), strings.Join(r.Bots, ", "), shouldCatch(v))
		case Undecided:
			fmt.Fprintf(w, "\nUNDECIDED %s: nothing caught it, and runs that might have did not finish:\n", v.Defect)
			for _, b := range v.Bots {
				for _, e := range b.Errors {
					fmt.Fprintf(w, "  %s L%s %s: %s\n", b.Bot, e.Layer, e.Outcome, e.Detail)
				}
			}
		}
	}
	if refused := r.Refused(); len(refused) > 0 {
		seen := "connections not watched"
		if r.Connections.Max > 0 {
			seen = fmt.Sprintf("peak %d of max_connections %d seen", r.Connections.Peak, r.Connections.Max)
		}
		fmt.Fprintf(w, "\nPostgreSQL refused connections (too many clients) even when run alone (%s). Lower -parallel, raise max_connections, or stop other test runs:\n", seen)
		for _, run := range refused {
			fmt.Fprintf(w, "  %s L%s %s: %s\n", run.Bot, run.Layer, orClean(run.Defect), run.Detail)
		}
	}
	if len(r.Empty) > 0 {
		fmt.Fprintf(w, "\nlayers with no tests yet (not run): %s\n", strings.Join(r.Empty, " "))
	}
}

// ranLayers are the layers the defect ran on, on any bot.
func ranLayers(v Verdict) []string {
	seen := map[string]bool{}
	for _, b := range v.Bots {
		for _, l := range b.Layers {
			seen[l] = true
		}
	}
	return sortedKeys(seen)
}

// shouldCatch names the catalog layers that should have caught an escape,
// and why they did not.
func shouldCatch(v Verdict) string {
	var parts []string
	if len(v.Missed) > 0 {
		parts = append(parts, layerIDs(v.Missed, ", ")+" ran and should have caught it")
	}
	if len(v.Absent) > 0 {
		parts = append(parts, layerIDs(v.Absent, ", ")+" should catch it but has no tests yet")
	}
	if len(v.Unselected) > 0 {
		parts = append(parts, layerIDs(v.Unselected, ", ")+" should catch it but was not run")
	}
	if len(parts) == 0 {
		return "the catalog names no layer for it"
	}
	return "catalog: " + strings.Join(parts, "; ")
}

// verdictNotes are the lines under a defect's rows.
func verdictNotes(v Verdict, verbose bool) []string {
	var out []string
	if v.Status == Caught && len(v.Missed) > 0 {
		out = append(out, layerIDs(v.Missed, ", ")+" ran and did not catch it")
	}
	if len(v.Absent) > 0 {
		out = append(out, layerIDs(v.Absent, ", ")+" has no tests yet")
	}
	if len(v.Unselected) > 0 {
		out = append(out, layerIDs(v.Unselected, ", ")+" not run")
	}
	if v.OnlyByCrash {
		out = append(out, "caught only by a crash or timeout, not by a test's check")
	}
	if verbose {
		for _, b := range v.Bots {
			for _, c := range append(b.Crashes, b.Errors...) {
				out = append(out, fmt.Sprintf("%s L%s %s: %s", b.Bot, c.Layer, c.Outcome, c.Detail))
			}
		}
	}
	return out
}

// botRun is one bot's column: red, crash, timeout, green, error.
func botRun(b BotResult) string {
	if len(b.Layers) == 0 {
		return "not run"
	}
	var parts []string
	if len(b.Catches) > 0 {
		parts = append(parts, "red")
	}
	seen := map[Outcome]bool{}
	for _, c := range b.Crashes {
		if !seen[c.Outcome] {
			seen[c.Outcome] = true
			parts = append(parts, map[Outcome]string{Crashed: "crash", TimedOut: "timeout"}[c.Outcome])
		}
	}
	if len(parts) == 0 {
		if len(b.Errors) > 0 {
			return "error"
		}
		return "green"
	}
	return strings.Join(parts, "+")
}

// caughtBy lists the catching tests by layer: "L04 3: Name, Name +1".
func caughtBy(b BotResult, verbose bool) string {
	byLayer := map[string][]Catch{}
	var layers []string
	for _, c := range b.Catches {
		if byLayer[c.Layer] == nil {
			layers = append(layers, c.Layer)
		}
		byLayer[c.Layer] = append(byLayer[c.Layer], c)
	}
	for _, c := range b.Crashes {
		if byLayer[c.Layer] == nil {
			layers = append(layers, c.Layer)
			byLayer[c.Layer] = []Catch{}
		}
	}
	sort.Strings(layers)
	var parts []string
	for _, l := range layers {
		cs := byLayer[l]
		var names []string
		for _, c := range cs {
			if verbose {
				names = append(names, c.Test+" — "+clip(c.Failure, 200))
			} else {
				names = append(names, shortTest(c.Test, 32))
			}
		}
		for _, c := range b.Crashes {
			if c.Layer == l {
				names = append(names, "("+string(c.Outcome)+")")
			}
		}
		if verbose {
			parts = append(parts, "L"+l+":\n        "+strings.Join(names, "\n        "))
			continue
		}
		if len(names) > 2 {
			names = append(names[:2], fmt.Sprintf("+%d", len(names)-2))
		}
		parts = append(parts, "L"+l+" "+strings.Join(names, ", "))
	}
	if len(parts) == 0 {
		return "-"
	}
	if verbose {
		return strings.Join(parts, "\n      ")
	}
	return strings.Join(parts, "; ")
}

// clip cuts s to n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// shortTest drops the Test prefix and cuts a long name to n characters.
func shortTest(name string, n int) string {
	return clip(strings.TrimPrefix(name, "Test"), n)
}

func layerIDs(nums []string, sep string) string {
	ids := make([]string, len(nums))
	for i, n := range nums {
		ids[i] = "L" + n
	}
	return strings.Join(ids, sep)
}

func orClean(d string) string {
	if d == "" {
		return "(clean)"
	}
	return d
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// writeRows aligns the columns (the last one is free) and puts each row's
// notes under it, indented to the DEFECT column.
func writeRows(w io.Writer, rows [][]string, notes [][]string) {
	cols := len(rows[0])
	width := make([]int, cols)
	for _, row := range rows {
		for i := 0; i < cols-1; i++ {
			width[i] = max(width[i], utf8.RuneCountInString(row[i]))
		}
	}
	for ri, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			if i == cols-1 {
				b.WriteString(cell)
				break
			}
			b.WriteString(cell + strings.Repeat(" ", width[i]-utf8.RuneCountInString(cell)+2))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if ri > 0 {
			for _, n := range notes[ri-1] {
				fmt.Fprintf(w, "%s   ↳ %s\n", strings.Repeat(" ", width[0]+2), n)
			}
		}
	}
}
