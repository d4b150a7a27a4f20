package matrix

import "sort"

// Status is the verdict on one defect.
type Status string

const (
	// Caught: some test that passes on the clean bot failed with the defect
	// on, or a layer that runs cleanly crashed or timed out with it on, on
	// at least one bot.
	Caught Status = "caught"
	// Escaped: every layer that ran stayed green with the defect on.
	Escaped Status = "escaped"
	// NotChecked: nothing caught it and none of its catalog layers was
	// selected (-layers, or the sim layer left out by default).
	NotChecked Status = "not checked"
	// Undecided: nothing caught it, but a run that might have could not
	// finish (too many clients, or the binary would not start).
	Undecided Status = "undecided"
)

// A Catch is a test that passed on the clean bot and failed with the defect.
type Catch struct {
	Layer   string `json:"layer"`
	Test    string `json:"test"`
	Failure string `json:"failure,omitempty"`
}

// An Incident is a run that ended without a verdict of its tests: a crash
// or timeout (which counts as red, flagged), or an error (which counts
// neither way).
type Incident struct {
	Layer   string  `json:"layer"`
	Outcome Outcome `json:"outcome"`
	Detail  string  `json:"detail,omitempty"`
}

// BotResult is one defect on one bot.
type BotResult struct {
	Bot     string     `json:"bot"`
	Layers  []string   `json:"layers"` // the layers run with the defect on
	Catches []Catch    `json:"catches,omitempty"`
	Crashes []Incident `json:"crashes,omitempty"`
	Errors  []Incident `json:"errors,omitempty"`
}

// Caught reports whether the defect turned anything red on this bot.
func (b BotResult) Caught() bool { return len(b.Catches) > 0 || len(b.Crashes) > 0 }

// A Verdict is one defect across the bots.
type Verdict struct {
	Defect  string      `json:"defect"`
	Bug     string      `json:"bug"`
	Catalog []string    `json:"catalog"` // layer numbers docs/layers.md §4 names
	Status  Status      `json:"status"`
	Bots    []BotResult `json:"bots"`
	// CaughtBy: the layers that went red (tests or a crash) on any bot.
	CaughtBy []string `json:"caught_by,omitempty"`
	// Missed: catalog layers that ran and caught nothing on any bot.
	Missed []string `json:"missed,omitempty"`
	// Absent: catalog layers not in the repository (yet).
	Absent []string `json:"absent,omitempty"`
	// Unselected: catalog layers in the repository that were not run.
	Unselected []string `json:"unselected,omitempty"`
	// OnlyByCrash: caught, but only by crashes or timeouts.
	OnlyByCrash bool `json:"only_by_crash,omitempty"`
}

// Marked reports whether the catching layers leave out a catalog layer that
// ran or should exist: the suite does not catch it where the catalog says.
func (v Verdict) Marked() bool {
	return v.Status == Caught && (len(v.Missed) > 0 || len(v.Absent) > 0)
}

type runKey struct{ bot, layer, defect string }

func indexRuns(runs []*Run) map[runKey]*Run {
	idx := map[runKey]*Run{}
	for _, r := range runs {
		idx[runKey{r.Bot, r.Layer, r.Defect}] = r
	}
	return idx
}

// judge computes the verdict on one defect from the runs: the defect's own
// and the clean ones, which say which tests could have caught it at all.
func judge(def, bug string, bots []string, all, selected []Layer, idx map[runKey]*Run) Verdict {
	v := Verdict{Defect: def, Bug: bug, Catalog: CatalogLayers(def)}
	exists, chosen := map[string]bool{}, map[string]bool{}
	for _, l := range all {
		exists[l.Number] = true
	}
	for _, l := range selected {
		chosen[l.Number] = true
	}
	red := map[string]bool{}
	ranCatalog := map[string]bool{}
	errors := false
	for _, bot := range bots {
		br := BotResult{Bot: bot}
		for _, l := range selected {
			r := idx[runKey{bot, l.Number, def}]
			if r == nil {
				continue
			}
			br.Layers = append(br.Layers, l.Number)
			clean := idx[runKey{bot, l.Number, ""}]
			switch r.Outcome {
			case NoConnections, Broken:
				br.Errors = append(br.Errors, Incident{Layer: l.Number, Outcome: r.Outcome, Detail: r.Detail})
				errors = true
				continue
			case Crashed, TimedOut:
				if clean != nil && (clean.Outcome == Green || clean.Outcome == Red) {
					br.Crashes = append(br.Crashes, Incident{Layer: l.Number, Outcome: r.Outcome, Detail: r.Detail})
					red[l.Number] = true
				}
			}
			ranCatalog[l.Number] = true
			for _, t := range r.Failed() {
				if clean == nil {
					continue
				}
				if ct := clean.test(t.Name); ct != nil && ct.Status == Passed {
					br.Catches = append(br.Catches, Catch{Layer: l.Number, Test: t.Name, Failure: t.Failure})
					red[l.Number] = true
				}
			}
		}
		v.Bots = append(v.Bots, br)
	}
	v.CaughtBy = sortedKeys(red)
	for _, n := range v.Catalog {
		switch {
		case !exists[n]:
			v.Absent = append(v.Absent, n)
		case !chosen[n]:
			v.Unselected = append(v.Unselected, n)
		case ranCatalog[n] && !red[n]:
			v.Missed = append(v.Missed, n)
		}
	}
	caught, byTests := false, false
	for _, b := range v.Bots {
		caught = caught || b.Caught()
		byTests = byTests || len(b.Catches) > 0
	}
	switch {
	case caught:
		v.Status = Caught
		v.OnlyByCrash = !byTests
	case errors:
		v.Status = Undecided
	case len(v.Catalog) > 0 && len(v.Unselected) == len(v.Catalog):
		v.Status = NotChecked
	default:
		v.Status = Escaped
	}
	return v
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// A CleanFailure is a test (or a whole binary) red on the clean bot.
type CleanFailure struct {
	Bot   string `json:"bot"`
	Layer string `json:"layer"`
	Test  string `json:"test,omitempty"` // "" when the binary itself crashed, timed out or errored
	Line  string `json:"line"`           // the first failure line, or why the binary ended
}

// cleanFailures lists what was red on the clean bot, in bot and layer order.
func cleanFailures(bots []string, selected []Layer, idx map[runKey]*Run) (fails []CleanFailure, missing int) {
	for _, bot := range bots {
		for _, l := range selected {
			r := idx[runKey{bot, l.Number, ""}]
			if r == nil {
				missing++
				continue
			}
			for _, t := range r.Failed() {
				fails = append(fails, CleanFailure{Bot: bot, Layer: l.Number, Test: t.Name, Line: t.Failure})
			}
			if r.Outcome != Green && r.Outcome != Red {
				fails = append(fails, CleanFailure{Bot: bot, Layer: l.Number, Line: string(r.Outcome) + ": " + r.Detail})
			}
		}
	}
	return fails, missing
}
