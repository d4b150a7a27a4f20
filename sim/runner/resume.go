package runner

import (
	"errors"
	"io/fs"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// attempt is what an earlier attempt of this run left for one scenario.
type attempt struct {
	found    bool // a transcript file exists
	complete bool // ... and it has its end line: skip the scenario
	turns    int
	why      string // why an incomplete one is played again
}

// Pending are the scenarios of scs that a Run with this run id and
// directory would play: those without a complete transcript there (none,
// one cut short, or one that was errored). When it
// is empty, a resumed run has nothing to play and needs no bot.
func Pending(runDir, runID string, scs []*scenario.Scenario) []*scenario.Scenario {
	var out []*scenario.Scenario
	for _, sc := range scs {
		if !earlier(TranscriptPath(runDir, sc.ID), sc.ID, runID).complete {
			out = append(out, sc)
		}
	}
	return out
}

// earlier reads the transcript an earlier attempt of the same run left at
// path. Anything short of a complete transcript of this scenario and run
// is played again.
func earlier(path, id, runID string) attempt {
	t, err := transcript.Read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return attempt{}
	case err != nil:
		return attempt{found: true, why: "its transcript is unreadable: " + err.Error()}
	case t.Header.ScenarioID != id || t.Header.RunID != runID:
		return attempt{found: true, turns: len(t.Turns), why: "its transcript belongs to scenario " + t.Header.ScenarioID + " of run " + t.Header.RunID}
	case t.End == nil:
		return attempt{found: true, turns: len(t.Turns), why: "no end line"}
	case t.End.Error != "":
		// Errored: the play failed outside the bot's conversation, so the
		// transcript says nothing about the bot. Play it again.
		return attempt{found: true, turns: len(t.Turns), why: "it was errored: " + t.End.Error}
	}
	return attempt{found: true, complete: true, turns: len(t.Turns)}
}
