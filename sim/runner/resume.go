package runner

import (
	"errors"
	"io/fs"

	"github.com/caas-testing/caas-testing/sim/transcript"
)

// attempt is what an earlier attempt of this run left for one scenario.
type attempt struct {
	found    bool // a transcript file exists
	complete bool // ... and it has its end line: skip the scenario
	turns    int
	why      string // why an incomplete one is played again
}

// earlier reads the transcript an earlier attempt of the same run left at
// path. Anything short of a complete transcript of this scenario and run
// is played again.
func (r *run) earlier(path, id string) attempt {
	t, err := transcript.Read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return attempt{}
	case err != nil:
		return attempt{found: true, why: "its transcript is unreadable: " + err.Error()}
	case t.Header.ScenarioID != id || t.Header.RunID != r.opt.RunID:
		return attempt{found: true, turns: len(t.Turns), why: "its transcript belongs to scenario " + t.Header.ScenarioID + " of run " + t.Header.RunID}
	case t.End == nil:
		return attempt{found: true, turns: len(t.Turns), why: "no end line"}
	}
	return attempt{found: true, complete: true, turns: len(t.Turns)}
}
