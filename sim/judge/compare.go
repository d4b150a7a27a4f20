package judge

import (
	"fmt"
	"sort"
)

// DefaultRegressionThreshold is the drop in total points that makes a
// scenario a regression even without a new high-severity finding.
const DefaultRegressionThreshold = 5

// Delta is one scenario's change between two runs.
type Delta struct {
	ScenarioID string     `json:"id"`
	Persona    string     `json:"persona"`
	Previous   int        `json:"previous"` // total of the previous run
	Current    int        `json:"current"`
	Total      int        `json:"delta"`      // Current - Previous
	Dimensions Dimensions `json:"dimensions"` // per-dimension change
}

// Regression is a scenario that got worse, with the findings that explain it.
type Regression struct {
	Delta
	Reason string    `json:"reason"` // "dropped 12 points" / "new high-severity finding"
	Causes []Finding `json:"causes"`
}

// Comparison is what changed between a previous run and the current one.
type Comparison struct {
	Threshold    int          `json:"threshold"`
	Deltas       []Delta      `json:"deltas"` // scenarios in both runs, by id
	Regressions  []Regression `json:"regressions"`
	Improvements []Delta      `json:"improvements"`
	New          []string     `json:"new"`     // scenario ids only in the current run
	Removed      []string     `json:"removed"` // only in the previous run
}

// Compare compares two runs with the default threshold.
func Compare(prev, cur []Result) Comparison {
	return CompareWithThreshold(prev, cur, DefaultRegressionThreshold)
}

// CompareWithThreshold reports, per scenario present in both runs, the
// change in total and per dimension. A scenario regressed when its total
// fell by threshold points or more, or when it has a high-severity finding
// the previous run did not have; it improved when its total rose.
func CompareWithThreshold(prev, cur []Result, threshold int) Comparison {
	before := map[string]Result{}
	for _, r := range prev {
		before[r.ScenarioID] = r
	}
	now := map[string]bool{}
	c := Comparison{Threshold: threshold, Deltas: []Delta{}, Regressions: []Regression{},
		Improvements: []Delta{}, New: []string{}, Removed: []string{}}
	for _, r := range sortedByID(cur) {
		now[r.ScenarioID] = true
		p, ok := before[r.ScenarioID]
		if !ok {
			c.New = append(c.New, r.ScenarioID)
			continue
		}
		d := Delta{ScenarioID: r.ScenarioID, Persona: r.Persona, Previous: p.Total, Current: r.Total, Total: r.Total - p.Total}
		for _, dim := range AllDimensions {
			d.Dimensions.Set(dim, r.Dimensions.Get(dim)-p.Dimensions.Get(dim))
		}
		c.Deltas = append(c.Deltas, d)
		fresh := newFindings(p.Findings, r.Findings)
		var high []Finding
		for _, f := range fresh {
			if f.Severity == High {
				high = append(high, f)
			}
		}
		switch {
		case -d.Total >= threshold && threshold > 0:
			c.Regressions = append(c.Regressions, Regression{Delta: d, Reason: fmt.Sprintf("total dropped by %d points", -d.Total),
				Causes: causes(fresh, r.Findings, d)})
		case len(high) > 0:
			c.Regressions = append(c.Regressions, Regression{Delta: d, Reason: "new high-severity finding", Causes: high})
		case d.Total > 0:
			c.Improvements = append(c.Improvements, d)
		}
	}
	for _, p := range sortedByID(prev) {
		if !now[p.ScenarioID] {
			c.Removed = append(c.Removed, p.ScenarioID)
		}
	}
	return c
}

func sortedByID(rs []Result) []Result {
	out := append([]Result(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ScenarioID < out[j].ScenarioID })
	return out
}

// findingKey identifies "the same problem" across runs: the same rule in
// the same dimension saying the same thing, wherever the turn falls.
func findingKey(f Finding) string {
	return string(f.Dimension) + "\x00" + f.Rule + "\x00" + f.Message
}

// newFindings are the current findings the previous run did not have.
func newFindings(prev, cur []Finding) []Finding {
	had := map[string]int{}
	for _, f := range prev {
		had[findingKey(f)]++
	}
	var out []Finding
	for _, f := range cur {
		if k := findingKey(f); had[k] > 0 {
			had[k]--
		} else {
			out = append(out, f)
		}
	}
	return out
}

// causes picks the findings that explain a drop: the new ones costing
// points, most expensive first; without any (the same findings, now
// costing more), the current findings of the dimension that fell most.
func causes(fresh, all []Finding, d Delta) []Finding {
	pick := func(fs []Finding) []Finding {
		var out []Finding
		for _, f := range fs {
			if f.Points > 0 {
				out = append(out, f)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Points > out[j].Points })
		return out
	}
	if out := pick(fresh); len(out) > 0 {
		return out
	}
	worst := AllDimensions[0]
	for _, dim := range AllDimensions {
		if d.Dimensions.Get(dim) < d.Dimensions.Get(worst) {
			worst = dim
		}
	}
	var inDim []Finding
	for _, f := range all {
		if f.Dimension == worst {
			inDim = append(inDim, f)
		}
	}
	return pick(inDim)
}
