package runner

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// DefaultConcurrency is how many scenarios play at once unless told.
const DefaultConcurrency = 8

// TranscriptsDir is the directory of a run that holds its transcripts.
const TranscriptsDir = "transcripts"

// Options tune Run.
type Options struct {
	// RunID names the run in every transcript header; a run with the same
	// id and Dir resumes (see the package comment). Required.
	RunID string
	// Dir is the run directory; transcripts go to Dir/transcripts. Required.
	Dir string
	// Concurrency is how many scenarios play at once (default 8).
	Concurrency int
	// Customer gives the customer's turns; nil plays the scripted ones.
	Customer Customer
	// Progress receives one line per turn and per scenario; nil is quiet.
	Progress io.Writer
	// Redact is applied after the manifest's and the target's secrets are
	// removed, to every text written or printed; nil adds nothing.
	Redact func(string) string
}

// TranscriptPath is where the transcript of scenario id lives in runDir.
func TranscriptPath(runDir, id string) string {
	return filepath.Join(runDir, TranscriptsDir, id+".jsonl")
}

func (o *Options) check(bot string, scs []*scenario.Scenario) error {
	var errs []error
	if o.RunID == "" {
		errs = append(errs, errors.New("runner: Options.RunID is empty; give the run an id (e.g. 20261125-221530)"))
	}
	if o.Dir == "" {
		errs = append(errs, errors.New("runner: Options.Dir is empty; give the run a directory for its transcripts"))
	}
	if o.Concurrency < 0 {
		errs = append(errs, fmt.Errorf("runner: concurrency %d; use a positive number (0 = %d)", o.Concurrency, DefaultConcurrency))
	}
	if len(scs) == 0 {
		errs = append(errs, errors.New("runner: no scenarios to play; give at least one"))
	}
	seen := map[string]string{}
	for _, sc := range scs {
		where := sc.Path
		if where == "" {
			where = "scenario " + sc.ID
		}
		if err := sc.Validate(); err != nil {
			errs = append(errs, err) // also keeps an id like "../x" from naming a file outside the run
			continue
		}
		if sc.Bot != bot {
			errs = append(errs, fmt.Errorf("%s: bot: %q, but the target is %s; play it against its own bot or move it to sim/scenarios/%s", where, sc.Bot, bot, bot))
		}
		if first, dup := seen[sc.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: %q is also the id of %s; two scenarios of one run need two ids (their transcripts share a name)", where, sc.ID, first))
		}
		seen[sc.ID] = where
	}
	if o.Concurrency == 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Customer == nil {
		o.Customer = Scripted{}
	}
	return errors.Join(errs...)
}
