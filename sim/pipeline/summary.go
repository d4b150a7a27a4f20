package pipeline

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/runner"
)

// Summary is what a pipeline call did.
type Summary struct {
	Bot, RunID string
	Dir        string         // the run directory
	Run        runner.Summary // zero when nothing was played (Judge)
	// Results are the scores by scenario id, redacted.
	Results    []judge.Result
	Categories []string
	// Comparison is with PreviousRunID, the newest earlier run that played
	// some of the same scenarios; nil for a first run.
	Comparison    *judge.Comparison
	PreviousRunID string
	Scenarios     []string // the run's copies of its scenario files
	Files         []string // report.md, report.html, scores.json
	// Problems are scenarios that failed, were cut short or could not be
	// judged, one line each.
	Problems []string
}

// Table is the seed's summary table: scenario, persona, score /10, key finding.
func (s Summary) Table() string { return report.SummaryTable(s.Results) }

// Average is the mean total (0..100) over the results; 0 when there are none.
func (s Summary) Average() float64 {
	if len(s.Results) == 0 {
		return 0
	}
	sum := 0
	for _, r := range s.Results {
		sum += r.Total
	}
	return float64(sum) / float64(len(s.Results))
}

// Print writes the summary for a person: the table, the average, what
// changed since the previous run, and where the report is.
func (s Summary) Print(w io.Writer) {
	if len(s.Results) == 0 {
		fmt.Fprintf(w, "run %s of %s: nothing judged\n", s.RunID, s.Bot)
		return
	}
	fmt.Fprintln(w, strings.TrimRight(s.Table(), "\n"))
	fmt.Fprintf(w, "\n%s run %s: %d scenarios from %d categories (%s), average %.1f/10\n",
		s.Bot, s.RunID, len(s.Results), len(s.Categories), strings.Join(s.Categories, ", "), s.Average()/10)
	if s.Run.RunID != "" {
		fmt.Fprintf(w, "%s\n", s.Run)
	}
	switch c := s.Comparison; {
	case c == nil:
		fmt.Fprintln(w, "compared with: nothing (no earlier run of these scenarios)")
	default:
		regressed := map[string]bool{}
		for _, r := range c.Regressions {
			regressed[r.ScenarioID] = true
		}
		same := 0
		for _, d := range c.Deltas {
			if d.Total == 0 && !regressed[d.ScenarioID] {
				same++
			}
		}
		fmt.Fprintf(w, "compared with run %s: %d regressed, %d improved, %d unchanged, %d new, %d removed\n",
			s.PreviousRunID, len(c.Regressions), len(c.Improvements), same, len(c.New), len(c.Removed))
		for _, r := range c.Regressions {
			fmt.Fprintf(w, "  REGRESSED %s: %d → %d (%s)\n", r.ScenarioID, r.Previous, r.Current, r.Reason)
		}
		for _, d := range c.Improvements {
			fmt.Fprintf(w, "  improved  %s: %d → %d\n", d.ScenarioID, d.Previous, d.Current)
		}
	}
	for _, p := range s.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	for i, f := range s.Files {
		label := "        "
		if i == 0 {
			label = "report: "
		}
		fmt.Fprintf(w, "%s%s\n", label, f)
	}
	fmt.Fprintf(w, "transcripts: %s%c\n", filepath.Join(s.Dir, runner.TranscriptsDir), filepath.Separator)
}
