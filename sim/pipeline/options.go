package pipeline

import (
	"io"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/writer"
)

// Every call takes the bot as a loaded manifest and every place as a value:
// the package reads no environment. The caas command loads the manifest
// once and fills the directories and defects from its flags and their
// environment twins; tests pass their own.

// Options tune Run: the whole pipeline, from a brief to a report.
type Options struct {
	Manifest *bots.Manifest // the bot the run plays (required)
	Brief    string         // "5 asymmetric scenarios"
	// Seed overrides the brief's seed ("seed 42" in the brief, else 1);
	// 0 keeps the brief's.
	Seed int64
	// RunID names the run; "" = a new time-based id. An existing run's id
	// resumes it.
	RunID       string
	Concurrency int // scenarios played at once; 0 = runner.DefaultConcurrency
	// ScenariosDir is where the written scenario files go; "" = the run's
	// own scenarios/ directory (see the package comment).
	ScenariosDir string
	ReportsDir   string    // reports root; "" = DefaultReportsDir()
	Progress     io.Writer // stage and turn lines; nil = quiet
	// Defects are the seeded defects (comma-separated) to switch on in the
	// embedded reference bot the run starts, as botclient.Options.Defects.
	// With Target, they are the defects that target was started with: the
	// run's identity records them, and runs are only compared with runs of
	// the same defects.
	Defects string
	// Server is where the embedded bot's database goes (the caller fills
	// it from $CAAS_DATABASE_URL); the zero value looks on 127.0.0.1:5432.
	Server   botclient.ServerOptions
	Writer   writer.Writer   // nil = the offline, seeded writer
	Customer runner.Customer // nil = the scripted customer
	// Target is a bot already started from Manifest (the caller closes it;
	// Defects then only says what it runs with); nil = start one for the run.
	Target *botclient.Target
}

// PlayOptions tune Play: scenario files played, judged and reported.
type PlayOptions struct {
	Manifest *bots.Manifest
	// Scenarios are scenario files or directories of them; empty = every
	// scenario of the bot, scenario.Dir(ScenarioRoot, bot).
	Scenarios []string
	// ScenarioRoot holds the bots' scenario directories, <root>/<bot>;
	// "" = sim/scenarios under the module root (scenario.Dir).
	ScenarioRoot string
	RunID        string
	Concurrency  int
	ReportsDir   string
	Progress     io.Writer
	Defects      string
	Server       botclient.ServerOptions // as in Options
	Customer     runner.Customer
	Target       *botclient.Target // as in Options
}

// JudgeOptions tune Judge: re-scoring the transcripts of an existing run.
type JudgeOptions struct {
	Manifest *bots.Manifest
	// RunDir is the run's directory, <reports>/<bot>/<run-id>.
	RunDir string
	// ScenarioRoot is where the bot's own scenarios are looked up for a
	// transcript whose run kept no copy (as in PlayOptions).
	ScenarioRoot string
	Progress     io.Writer
}

// WriteOptions tune Write: a brief to scenario files, nothing played.
type WriteOptions struct {
	Manifest *bots.Manifest
	Brief    string
	Seed     int64 // 0 keeps the brief's seed
	// Out is the directory the files go to; "" = the drafts under the
	// bot's scenario directory, scenario.Dir(ScenarioRoot, bot)/drafts
	// (writer.DraftsDir), which the suite does not play.
	Out          string
	ScenarioRoot string
	Writer       writer.Writer
}

// required refuses a call without a manifest: a caller's mistake, not the user's.
func required(m *bots.Manifest) error {
	if m == nil {
		return usageError("no manifest: load the bot's manifest (bots.Loader.Load) and pass it as Manifest")
	}
	return nil
}
