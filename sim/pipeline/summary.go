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
	// Results are the scores of the scored scenarios by scenario id,
	// redacted. Errored scenarios are not among them.
	Results []judge.Result
	// Errored are the scenarios whose play failed outside the bot's
	// conversation (or whose transcript is cut or unreadable), with the
	// cause: not scored, not compared; a resume plays them again.
	Errored    []report.Errored
	Categories []string
	// Identity is what the run played against; nil for a run that did not
	// record it (played by an older caas).
	Identity *report.Identity
	// Comparison is with PreviousRunID, the newest earlier comparable run
	// that played some of the same scenarios; nil when there is none.
	Comparison    *judge.Comparison
	PreviousRunID string
	// Changes are what differs from PreviousRunID besides the scores (the
	// manifest, the target, the tool), for the reader.
	Changes []string
	// Uncompared is the newest earlier run of these scenarios when it was
	// not comparable and no comparable one was found; Skipped is that run
	// when an older comparable one was compared instead.
	Uncompared, Skipped *report.Uncompared
	Scenarios           []string // the run's copies of its scenario files
	Files               []string // report.md, report.html, scores.json
}

// Table is the seed's summary table: scenario, persona, score /10, key finding.
func (s Summary) Table() string { return report.SummaryTable(s.Results) }

// Average is the mean total (0..100) over the scored results; 0 when there
// are none.
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

// Print writes the summary for a person: the table, the average, the
// errored scenarios apart, what changed since the previous comparable
// run, and where the report is.
func (s Summary) Print(w io.Writer) {
	if len(s.Results) == 0 && len(s.Errored) == 0 {
		fmt.Fprintf(w, "run %s of %s: nothing judged\n", s.RunID, s.Bot)
		return
	}
	if len(s.Results) > 0 {
		fmt.Fprintln(w, strings.TrimRight(s.Table(), "\n"))
	}
	fmt.Fprintf(w, "\n%s run %s: %d scenarios from %d categories (%s): %d scored, average %.1f/10; %d errored (not scored)\n",
		s.Bot, s.RunID, len(s.Results)+len(s.Errored), len(s.Categories), strings.Join(s.Categories, ", "), len(s.Results), s.Average()/10, len(s.Errored))
	for _, e := range s.Errored {
		fmt.Fprintf(w, "  ERRORED %s: %s\n", e.ID, e.Cause)
	}
	if len(s.Errored) > 0 {
		fmt.Fprintf(w, "  (their play failed outside the bot's conversation; resume with -run-id %s to play them again)\n", s.RunID)
	}
	if s.Identity != nil {
		fmt.Fprintf(w, "ran against: %s\n", s.Identity.Line())
	}
	if s.Run.RunID != "" {
		fmt.Fprintf(w, "%s\n", s.Run)
	}
	s.printComparison(w)
	for i, f := range s.Files {
		label := "        "
		if i == 0 {
			label = "report: "
		}
		fmt.Fprintf(w, "%s%s\n", label, f)
	}
	fmt.Fprintf(w, "transcripts: %s%c\n", filepath.Join(s.Dir, runner.TranscriptsDir), filepath.Separator)
}

func (s Summary) printComparison(w io.Writer) {
	switch c := s.Comparison; {
	case c == nil && s.Uncompared != nil:
		fmt.Fprintf(w, "compared with: nothing: %s (nothing is called a regression)\n", s.Uncompared)
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
		if len(s.Changes) > 0 {
			fmt.Fprintf(w, "  since then: %s\n", strings.Join(s.Changes, "; "))
		}
		if s.Skipped != nil {
			fmt.Fprintf(w, "  (skipped the newer run %s)\n", s.Skipped)
		}
		for _, r := range c.Regressions {
			fmt.Fprintf(w, "  REGRESSED %s: %d → %d (%s)\n", r.ScenarioID, r.Previous, r.Current, r.Reason)
		}
		for _, d := range c.Improvements {
			fmt.Fprintf(w, "  improved  %s: %d → %d\n", d.ScenarioID, d.Previous, d.Current)
		}
	}
}
