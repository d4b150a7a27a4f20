package pipeline

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
)

// DefaultMinScore is the total (0..100) below which a scored scenario
// fails the run: 7 of the seed's 10.
const DefaultMinScore = 70

// Gate is what makes a judged run fail.
type Gate struct {
	// MinScore: a scored scenario whose total is below it fails the run
	// (0 = no threshold).
	MinScore int
	// FailOn: a finding of this severity or a higher one fails the run
	// ("" = none). A high finding (a leak, a human claim, a skipped
	// consent) can cost less than the threshold on its own.
	FailOn judge.Severity
}

// ParseSeverity reads a -fail-on value: high, medium, low, or none ("").
func ParseSeverity(s string) (judge.Severity, error) {
	switch v := judge.Severity(strings.ToLower(strings.TrimSpace(s))); v {
	case judge.High, judge.Medium, judge.Low:
		return v, nil
	case "", "none":
		return "", nil
	}
	return "", fmt.Errorf("%q is not a severity; use high, medium, low or none", s)
}

func severityRank(s judge.Severity) int {
	switch s {
	case judge.High:
		return 3
	case judge.Medium:
		return 2
	case judge.Low:
		return 1
	}
	return 0
}

// Verdict is a run held to a Gate.
type Verdict struct {
	Gate      Gate
	Below     []judge.Result     // scored below Gate.MinScore
	Regressed []judge.Regression // against the previous comparable run
	Failing   []FailingFinding   // at Gate.FailOn or above
	// Errored scenarios fail nothing and pass nothing: the verdict is
	// incomplete until a resume scores them.
	Errored []report.Errored
}

// FailingFinding is a finding that fails the run by its severity.
type FailingFinding struct {
	ScenarioID string
	judge.Finding
}

// Verdict holds the summary's scored scenarios to g.
func (s Summary) Verdict(g Gate) Verdict {
	v := Verdict{Gate: g, Errored: s.Errored}
	for _, r := range s.Results {
		if g.MinScore > 0 && r.Total < g.MinScore {
			v.Below = append(v.Below, r)
		}
		if g.FailOn == "" {
			continue
		}
		for _, f := range r.Findings {
			if severityRank(f.Severity) >= severityRank(g.FailOn) {
				v.Failing = append(v.Failing, FailingFinding{ScenarioID: r.ScenarioID, Finding: f})
			}
		}
	}
	if s.Comparison != nil {
		v.Regressed = s.Comparison.Regressions
	}
	return v
}

// Failed says a scored scenario is wrong: below the threshold, regressed,
// or with a failing finding.
func (v Verdict) Failed() bool {
	return len(v.Below) > 0 || len(v.Regressed) > 0 || len(v.Failing) > 0
}

// Complete says every scenario was scored.
func (v Verdict) Complete() bool { return len(v.Errored) == 0 }

// Lines say why the run fails, one line per reason; none when it passes.
func (v Verdict) Lines() []string {
	var out []string
	for _, r := range v.Below {
		key := "no findings"
		if f, ok := r.KeyFinding(); ok {
			key = fmt.Sprintf("%s −%d: %s", f.Dimension, f.Points, f.Message)
		}
		out = append(out, fmt.Sprintf("%s scored %d, below the threshold of %d (%s)", r.ScenarioID, r.Total, v.Gate.MinScore, key))
	}
	for _, r := range v.Regressed {
		out = append(out, fmt.Sprintf("%s regressed: %d → %d (%s)", r.ScenarioID, r.Previous, r.Current, r.Reason))
	}
	for _, f := range v.Failing {
		out = append(out, fmt.Sprintf("%s has a %s finding (fail-on %s) at turn %d: %s [%s]", f.ScenarioID, f.Severity, v.Gate.FailOn, f.Turn, f.Message, f.Rule))
	}
	return out
}
