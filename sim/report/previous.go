package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// ScoresFile is the name of the scores file in a run directory.
const ScoresFile = "scores.json"

// Previous finds the newest run in botDir (sim/reports/<bot>) that came
// before runID and has a scores.json. Runs are ordered by their recorded
// start time, then by run id. A runID with no scores.json yet is the run
// being written now, so every other run is earlier. It returns nil, nil
// when there is no earlier run (a first run, or no botDir at all).
func Previous(botDir, runID string) (*Run, error) {
	entries, err := os.ReadDir(botDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("report: listing previous runs: %w", err)
	}
	var runs []*Run
	var current *Run
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		path := filepath.Join(botDir, e.Name(), ScoresFile)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			continue // a run still in progress, or one that was never judged
		}
		r, err := ReadScores(path)
		if err != nil {
			return nil, err
		}
		r.RunID = e.Name() // the directory is the run's identity
		if e.Name() == runID {
			current = r
			continue
		}
		runs = append(runs, r)
	}
	sort.SliceStable(runs, func(i, j int) bool { return earlier(runs[i], runs[j]) })
	var prev *Run
	for _, r := range runs {
		if current == nil || earlier(r, current) {
			prev = r
		}
	}
	return prev, nil
}

func earlier(a, b *Run) bool {
	if !a.StartedAt.Equal(b.StartedAt) {
		return a.StartedAt.Before(b.StartedAt)
	}
	return a.RunID < b.RunID
}
