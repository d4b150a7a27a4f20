package report

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"time"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// scoresFile is the layout of scores.json. Field order is the file's
// order; slices are sorted before writing, so two runs with the same
// results give the same bytes apart from the run's own id and times.
type scoresFile struct {
	Bot               string            `json:"bot"`
	RunID             string            `json:"run_id"`
	StartedAt         time.Time         `json:"started_at"`
	DurationMS        int64             `json:"duration_ms"`
	Average           float64           `json:"average"`            // mean total, one decimal
	DimensionAverages judge.Dimensions  `json:"dimension_averages"` // rounded means
	Scenarios         []judge.Result    `json:"scenarios"`
	PreviousRunID     string            `json:"previous_run_id,omitempty"`
	Comparison        *judge.Comparison `json:"comparison,omitempty"`
	Transcripts       []string          `json:"transcripts"`
	Identity          *Identity         `json:"identity,omitempty"`
	Errored           []Errored         `json:"errored"`                  // not scored, not averaged, not compared
	NotComparable     *Uncompared       `json:"not_comparable,omitempty"` // the earlier run it could not be compared with
}

func scoresOf(r Run) scoresFile {
	avg := average(r.Results)
	var dims judge.Dimensions
	for _, d := range judge.AllDimensions {
		dims.Set(d, int(math.Round(avg.Dimensions[d])))
	}
	transcripts := r.Transcripts
	if transcripts == nil {
		transcripts = []string{}
	}
	results := r.Results
	if results == nil {
		results = []judge.Result{}
	}
	return scoresFile{
		Bot: r.Bot, RunID: r.RunID, StartedAt: r.StartedAt.UTC(), DurationMS: r.Duration.Milliseconds(),
		Average: math.Round(avg.Total*10) / 10, DimensionAverages: dims, Scenarios: results,
		PreviousRunID: r.PreviousRunID, Comparison: r.Comparison, Transcripts: transcripts,
		Identity: r.Identity, Errored: orEmpty(r.Errored), NotComparable: r.Uncompared,
	}
}

func orEmpty(es []Errored) []Errored {
	if es == nil {
		return []Errored{}
	}
	return es
}

func marshalScores(r Run) ([]byte, error) {
	data, err := json.MarshalIndent(scoresOf(r), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report: encoding scores.json: %w", err)
	}
	return append(data, '\n'), nil
}

// ReadScores reads a scores.json back into a Run (without Previous or
// Redact, which are not stored).
func ReadScores(path string) (*Run, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("report: reading scores: %w", err)
	}
	var f scoresFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("report: %s is not a valid scores.json (%w); delete the run directory or rewrite it with caas sim judge", path, err)
	}
	if f.Bot == "" || f.RunID == "" {
		return nil, fmt.Errorf("report: %s has no bot or run_id; it was not written by this package", path)
	}
	return &Run{
		Bot: f.Bot, RunID: f.RunID, StartedAt: f.StartedAt, Duration: time.Duration(f.DurationMS) * time.Millisecond,
		Results: f.Scenarios, Comparison: f.Comparison, PreviousRunID: f.PreviousRunID, Transcripts: f.Transcripts,
		Identity: f.Identity, Errored: f.Errored, Uncompared: f.NotComparable,
	}, nil
}
