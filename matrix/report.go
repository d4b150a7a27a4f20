package matrix

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

// A Report is a whole matrix run: every run, the clean run's failures and a
// verdict per defect.
type Report struct {
	Bots      []string      `json:"bots"`
	Layers    []Layer       `json:"layers"`           // the layers run
	All       []Layer       `json:"all_layers"`       // every layer in the repository
	Empty     []string      `json:"empty,omitempty"`  // selected layers with no tests yet
	Shared    []string      `json:"shared,omitempty"` // layers that test every bot in one run
	Defects   []string      `json:"defects"`
	Scope     Scope         `json:"scope"`
	Parallel  int           `json:"parallel"`
	BuildTime time.Duration `json:"build_ns"`
	Elapsed   time.Duration `json:"elapsed_ns"`

	Runs        []*Run         `json:"runs"`
	Clean       []CleanFailure `json:"clean_failures,omitempty"`
	CleanMissed int            `json:"clean_missing,omitempty"` // clean runs that never happened
	Verdicts    []Verdict      `json:"verdicts"`
	Retried     int            `json:"retried,omitempty"` // runs re-run after "too many clients"
	Connections ConnStats      `json:"connections"`
}

// judge fills the clean failures and the verdicts from the runs.
func (r *Report) judge() {
	idx := indexRuns(r.Runs)
	r.Clean, r.CleanMissed = cleanFailures(r.Bots, r.Layers, idx)
	bugs := map[string]string{}
	for _, d := range defect.All {
		bugs[d.Name] = d.Bug
	}
	// a layer with no tests yet is as good as absent
	var present []Layer
	for _, l := range r.All {
		if !slices.Contains(r.Empty, l.Package()) {
			present = append(present, l)
		}
	}
	r.Verdicts = nil
	for _, d := range r.Defects {
		r.Verdicts = append(r.Verdicts, judge(d, bugs[d], r.Bots, present, r.Layers, idx))
	}
}

// CleanGreen reports whether every layer passed on every clean bot.
func (r *Report) CleanGreen() bool { return len(r.Clean) == 0 && r.CleanMissed == 0 }

// Count returns how many defects have each status.
func (r *Report) Count() map[Status]int {
	n := map[Status]int{}
	for _, v := range r.Verdicts {
		n[v.Status]++
	}
	return n
}

// Refused returns the runs PostgreSQL still refused after the retry.
func (r *Report) Refused() []*Run {
	var out []*Run
	for _, run := range r.Runs {
		if run.Outcome == NoConnections {
			out = append(out, run)
		}
	}
	return out
}

// OK is the gate: the clean bots are green, and no defect escaped or was
// left undecided. A defect none of whose catalog layers was selected is not
// checked, which the summary says, but does not fail the gate: it was asked
// for.
func (r *Report) OK() bool {
	n := r.Count()
	return r.CleanGreen() && n[Escaped] == 0 && n[Undecided] == 0 && len(r.Refused()) == 0
}

// WriteJSON writes the report to a file (for CI artifacts and diffs).
func (r *Report) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return nil
}
