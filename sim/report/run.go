package report

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// Run is one judged sim run of one bot.
type Run struct {
	Bot       string
	RunID     string
	StartedAt time.Time
	Duration  time.Duration
	Results   []judge.Result

	// Previous is the run to compare with (see Previous); optional.
	Previous *Run
	// Comparison, when nil, is computed from Previous.
	Comparison *judge.Comparison
	// PreviousRunID names the run compared with; set by ReadScores, and
	// taken from Previous when writing.
	PreviousRunID string

	// Transcripts are the runner's transcript files; paths relative to the
	// report directory become links in report.html.
	Transcripts []string

	// Identity is what the run ran against (see Identity); nil = unknown.
	Identity *Identity
	// Errored are the scenarios that were not scored, and why; they are
	// not in Results, averages or the comparison.
	Errored []Errored
	// Uncompared is the earlier run this one could not be compared with;
	// when set, no Comparison is computed.
	Uncompared *Uncompared

	// Redact is applied to every evidence quote and finding message before
	// it is written (e.g. Manifest.Redact, to strip secrets); nil = as is.
	Redact func(string) string
}

// safeName is what a bot name or run id may look like: it becomes a
// directory name, so no separators and no dot-dot.
var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Dir is where a run's report lives: <root>/<bot>/<run-id>.
func Dir(root, bot, runID string) string {
	return filepath.Join(root, bot, runID)
}

func (r *Run) validate() error {
	if !safeName.MatchString(r.Bot) {
		return fmt.Errorf("report: bot name %q is not a safe directory name; use letters, digits, '.', '_' or '-'", r.Bot)
	}
	if !safeName.MatchString(r.RunID) || r.RunID == "." || r.RunID == ".." {
		return fmt.Errorf("report: run id %q is not a safe directory name; use letters, digits, '.', '_' or '-' (e.g. 20260325-1012)", r.RunID)
	}
	return nil
}

// prepared is a copy of the run ready to write: results sorted by id,
// redacted, and the comparison computed.
func (r Run) prepared() Run {
	redact := r.Redact
	if redact == nil {
		redact = func(s string) string { return s }
	}
	out := r
	out.Results = redactResults(sortResults(r.Results), redact)
	out.Errored = redactErrored(r.Errored, redact)
	if out.Comparison == nil && r.Previous != nil && r.Uncompared == nil {
		c := judge.Compare(r.Previous.Results, r.Results)
		out.Comparison = &c
	}
	if out.Comparison != nil {
		c := *out.Comparison
		regs := make([]judge.Regression, len(c.Regressions))
		for i, reg := range c.Regressions {
			reg.Causes = redactFindings(reg.Causes, redact)
			regs[i] = reg
		}
		c.Regressions = regs
		out.Comparison = &c
	}
	if r.Previous != nil && out.PreviousRunID == "" {
		out.PreviousRunID = r.Previous.RunID
	}
	return out
}

func sortResults(rs []judge.Result) []judge.Result {
	out := append([]judge.Result(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ScenarioID < out[j].ScenarioID })
	return out
}

func redactResults(rs []judge.Result, redact func(string) string) []judge.Result {
	out := make([]judge.Result, len(rs))
	for i, r := range rs {
		r.Findings = redactFindings(r.Findings, redact)
		out[i] = r
	}
	return out
}

func redactFindings(fs []judge.Finding, redact func(string) string) []judge.Finding {
	out := make([]judge.Finding, len(fs))
	for i, f := range fs {
		f.Evidence = redact(f.Evidence)
		f.Message = redact(f.Message)
		out[i] = f
	}
	return out
}

// averages are the mean total and mean per dimension of a run.
type averages struct {
	Total      float64
	Dimensions map[judge.Dimension]float64
}

func average(rs []judge.Result) averages {
	a := averages{Dimensions: map[judge.Dimension]float64{}}
	if len(rs) == 0 {
		return a
	}
	for _, r := range rs {
		a.Total += float64(r.Total)
		for _, d := range judge.AllDimensions {
			a.Dimensions[d] += float64(r.Dimensions.Get(d))
		}
	}
	n := float64(len(rs))
	a.Total /= n
	for d := range a.Dimensions {
		a.Dimensions[d] /= n
	}
	return a
}
