package runner

import (
	"fmt"
	"path/filepath"
	"time"
)

// ScenarioResult is what became of one scenario.
type ScenarioResult struct {
	ID         string
	Transcript string // path of its transcript file
	Phone      string // the test phone it was played on ("" when skipped)
	Turns      int
	// Skipped: its transcript was already complete (a resumed run).
	Skipped bool
	// Replayed: an incomplete transcript of an earlier attempt was found
	// and the scenario was played again from the start.
	Replayed bool
	// Stop says why the conversation ended ("max turns", "terminal state
	// done", ...), or "interrupted" when the run was stopped.
	Stop string
	// Err is why the scenario is errored (or the context's error when it
	// was interrupted), also written in its end line when the transcript
	// could be finished. nil for a scenario that played through, whatever
	// the bot did in it.
	Err      error
	Duration time.Duration // from acquiring the phone to the end line
	BotWait  time.Duration // the part of Duration spent waiting for the bot's turns
}

// Summary is what a run did.
type Summary struct {
	RunID     string
	Dir       string
	Scenarios []ScenarioResult // in the order they were given
	Wall      time.Duration
	// BotWait and Busy add up every played scenario's wait and duration;
	// with scenarios running at once they can exceed Wall.
	BotWait, Busy   time.Duration
	Concurrency     int
	Played, Skipped int
	// Errored counts the scenarios whose play failed outside the bot's
	// conversation: not scored, played again by a resume.
	Errored     int
	Interrupted bool
}

// BotWaitShare is the share of scenario time spent waiting for the bot
// (0..1): the rest is the runner's own work (phones, session reads,
// transcript writes). 0 when nothing was played.
func (s Summary) BotWaitShare() float64 {
	if s.Busy <= 0 {
		return 0
	}
	return float64(s.BotWait) / float64(s.Busy)
}

// Transcripts are the transcript paths relative to the run directory, of
// every scenario that has one, in scenario order.
func (s Summary) Transcripts() []string {
	var out []string
	for _, r := range s.Scenarios {
		if r.Transcript == "" {
			continue
		}
		if rel, err := filepath.Rel(s.Dir, r.Transcript); err == nil {
			out = append(out, rel)
		} else {
			out = append(out, r.Transcript)
		}
	}
	return out
}

// String is the run in one line, for the terminal.
func (s Summary) String() string {
	state := ""
	if s.Interrupted {
		state = ", INTERRUPTED (resume with the same run id)"
	}
	return fmt.Sprintf("run %s: %d played, %d skipped (already complete), %d errored (not scored: resume to play them again) in %s, %d at a time; waiting on the bot %.0f%% of scenario time (%s of %s)%s",
		s.RunID, s.Played, s.Skipped, s.Errored, ms(s.Wall), s.Concurrency,
		100*s.BotWaitShare(), ms(s.BotWait), ms(s.Busy), state)
}
