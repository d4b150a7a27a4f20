package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// dimensionLabels are the short names used in tables.
var dimensionLabels = map[judge.Dimension]string{
	judge.Completion: "completion", judge.Safety: "safety", judge.PhaseCorrectness: "phase",
	judge.Identity: "identity", judge.Recovery: "recovery",
}

// SummaryTable is the seed's table (scenario | persona | score /10 | key
// finding), one row per scenario sorted by id, padded so it reads in a
// terminal; report.md holds the same table with its cells' HTML escaped.
func SummaryTable(results []judge.Result) string {
	return summaryTable(results, func(s string) string { return s })
}

// summaryTable is SummaryTable with each cell's text passed through esc.
func summaryTable(results []judge.Result, esc func(string) string) string {
	rows := [][]string{{"scenario", "persona", "score /10", "key finding"}}
	for _, r := range sortResults(results) {
		rows = append(rows, []string{esc(r.ScenarioID), esc(r.Persona), outOfTen(r.Total), esc(keyFinding(r, 80))})
	}
	return table(rows, map[int]bool{2: true})
}

// outOfTen is a 0..100 total as the seed's 0..10 score, one decimal.
func outOfTen(total int) string {
	return fmt.Sprintf("%.1f", float64(total)/10)
}

// keyFinding says in one cell what cost the most.
func keyFinding(r judge.Result, width int) string {
	f, ok := r.KeyFinding()
	if !ok || f.Points == 0 {
		return "no findings"
	}
	return clip(fmt.Sprintf("%s −%d: %s", dimensionLabels[f.Dimension], f.Points, f.Message), width)
}

func clip(s string, width int) string {
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	return string([]rune(s)[:width-1]) + "…"
}

// table renders rows as a padded Markdown table; the first row is the
// header; columns in right are right-aligned.
func table(rows [][]string, right map[int]bool) string {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			row[i] = cellText(cell)
			widths[i] = max(widths[i], utf8.RuneCountInString(row[i]))
		}
	}
	var b strings.Builder
	for n, row := range rows {
		b.WriteString("|")
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if right[i] {
				b.WriteString(" " + pad + cell + " |")
			} else {
				b.WriteString(" " + cell + pad + " |")
			}
		}
		b.WriteString("\n")
		if n == 0 {
			b.WriteString("|")
			for i, w := range widths {
				dashes := strings.Repeat("-", w)
				if right[i] {
					dashes = dashes[:w-1] + ":"
				}
				b.WriteString(" " + dashes + " |")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// cellText keeps a table cell on one line and its pipes literal.
func cellText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// markdown renders report.md.
func markdown(r Run) string {
	var b strings.Builder
	avg := average(r.Results)
	fmt.Fprintf(&b, "# Sim report: %s, run %s\n\n", r.Bot, r.RunID)
	fmt.Fprintf(&b, "Started %s · took %s · %d scenarios · average %.1f/100 (%.1f/10)\n\n",
		r.StartedAt.UTC().Format("2006-01-02 15:04 MST"), formatDuration(r.Duration), len(r.Results), avg.Total, avg.Total/10)
	writeRunNotes(&b, r)
	if n := undecided(r.Results); n > 0 {
		fmt.Fprintf(&b, "%d finding(s) undecided (0 points each): the deterministic rules could not tell from the transcript; they are marked below, for a person or an LLM judge to decide.\n\n", n)
	}

	b.WriteString("## Summary\n\n")
	b.WriteString(summaryTable(r.Results, mdCell))

	b.WriteString("\n## Dimensions\n\n")
	rows := [][]string{{"dimension", "average", "out of", "%"}}
	for _, d := range judge.AllDimensions {
		w := judge.Weights.Get(d)
		rows = append(rows, []string{string(d), fmt.Sprintf("%.1f", avg.Dimensions[d]), fmt.Sprint(w),
			fmt.Sprintf("%.0f%%", 100*avg.Dimensions[d]/float64(w))})
	}
	b.WriteString(table(rows, map[int]bool{1: true, 2: true, 3: true}))

	if r.Comparison != nil {
		writeComparison(&b, r)
	} else if r.Uncompared != nil {
		writeUncompared(&b, r.Uncompared)
	}

	b.WriteString("\n## Findings\n")
	for _, res := range r.Results {
		fmt.Fprintf(&b, "\n### %s: %s (%s), %d/100\n\n", mdText(res.ScenarioID), mdText(res.Persona), mdText(res.Category), res.Total)
		var dims []string
		for _, d := range judge.AllDimensions {
			dims = append(dims, fmt.Sprintf("%s %d/%d", d, res.Dimensions.Get(d), judge.Weights.Get(d)))
		}
		b.WriteString(strings.Join(dims, " · ") + "\n\n")
		if len(res.Findings) == 0 {
			b.WriteString("No findings.\n")
			continue
		}
		for _, f := range res.Findings {
			writeFinding(&b, f)
		}
	}

	if len(r.Transcripts) > 0 {
		b.WriteString("\n## Transcripts\n\n")
		for _, p := range r.Transcripts {
			fmt.Fprintf(&b, "- `%s`\n", p)
		}
	}
	return b.String()
}

// undecided counts the undecided findings of the results.
func undecided(rs []judge.Result) int {
	n := 0
	for _, r := range rs {
		n += r.Undecided
	}
	return n
}

// pointsLabel is what a finding cost: "−5", or "undecided, 0 points" for a
// finding the deterministic rules could not decide (an LLM judge may).
func pointsLabel(f judge.Finding) string {
	if f.Undecided {
		return "undecided, 0 points"
	}
	return fmt.Sprintf("−%d", f.Points)
}

func writeFinding(b *strings.Builder, f judge.Finding) {
	where := "whole run"
	if f.Turn > 0 {
		where = fmt.Sprintf("turn %d", f.Turn)
	}
	fmt.Fprintf(b, "- **%s** · %s %s · %s · `%s`: %s\n", where, mdText(string(f.Dimension)), pointsLabel(f), mdText(string(f.Severity)), f.Rule, mdText(f.Message))
	if f.Evidence != "" {
		fmt.Fprintf(b, "  > %s\n", mdText(f.Evidence))
	}
}

func writeComparison(b *strings.Builder, r Run) {
	c := r.Comparison
	prev := r.PreviousRunID
	if prev == "" {
		prev = "the previous run"
	}
	fmt.Fprintf(b, "\n## Changes since %s\n\n", prev)
	if len(c.Regressions) == 0 {
		fmt.Fprintf(b, "No regressions (threshold: a drop of %d points or a new high-severity finding).\n", c.Threshold)
	} else {
		fmt.Fprintf(b, "**%d regression(s)** (threshold: a drop of %d points or a new high-severity finding):\n\n", len(c.Regressions), c.Threshold)
		for _, reg := range c.Regressions {
			fmt.Fprintf(b, "- **%s** %d → %d (%s): %s\n", mdText(reg.ScenarioID), reg.Previous, reg.Current, arrow(reg.Total), mdText(reg.Reason))
			for _, f := range reg.Causes {
				var sub strings.Builder
				writeFinding(&sub, f)
				for _, line := range strings.Split(strings.TrimRight(sub.String(), "\n"), "\n") {
					b.WriteString("  " + line + "\n")
				}
			}
		}
	}
	if len(c.Improvements) > 0 {
		b.WriteString("\nImproved: ")
		var parts []string
		for _, d := range c.Improvements {
			parts = append(parts, fmt.Sprintf("%s %d → %d (%s)", mdText(d.ScenarioID), d.Previous, d.Current, arrow(d.Total)))
		}
		b.WriteString(strings.Join(parts, "; ") + "\n")
	}
	if len(c.New) > 0 {
		fmt.Fprintf(b, "\nNew scenarios: %s\n", mdList(c.New))
	}
	if len(c.Removed) > 0 {
		fmt.Fprintf(b, "\nRemoved scenarios: %s\n", mdList(c.Removed))
	}
	if len(c.Deltas) > 0 {
		b.WriteString("\n")
		rows := [][]string{{"scenario", "previous", "current", "Δ", "completion", "safety", "phase", "identity", "recovery"}}
		for _, d := range c.Deltas {
			row := []string{mdCell(d.ScenarioID), fmt.Sprint(d.Previous), fmt.Sprint(d.Current), arrow(d.Total)}
			for _, dim := range judge.AllDimensions {
				row = append(row, signed(d.Dimensions.Get(dim)))
			}
			rows = append(rows, row)
		}
		b.WriteString(table(rows, map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true}))
	}
}

// arrow is a delta with its direction: "▲ +5", "▼ −12", "= 0".
func arrow(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("▲ +%d", d)
	case d < 0:
		return fmt.Sprintf("▼ −%d", -d)
	}
	return "= 0"
}

func signed(d int) string {
	switch {
	case d > 0:
		return fmt.Sprintf("+%d", d)
	case d < 0:
		return fmt.Sprintf("−%d", -d)
	}
	return "0"
}
