package pipeline

import (
	"io"

	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/writer"
	"github.com/caas-testing/caas-testing/botclient"
)

// Options tune Run: the whole pipeline, from a brief to a report.
type Options struct {
	Bot   string // manifest name
	Brief string // "5 asymmetric scenarios"
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
	ReportsDir   string    // "" = DefaultReportsDir()
	Progress     io.Writer // stage and turn lines; nil = quiet
	// Defects switches on seeded defects of an embedded reference bot;
	// "" = $CAAS_REFBOT_DEFECTS.
	Defects  string
	Writer   writer.Writer   // nil = the offline, seeded writer
	Customer runner.Customer // nil = the scripted customer
	// Target is a bot already started for this manifest (the caller closes
	// it; Defects is then ignored); nil = start one for the run.
	Target *botclient.Target
}

// PlayOptions tune Play: scenario files played, judged and reported.
type PlayOptions struct {
	Bot string
	// Scenarios are scenario files or directories of them; empty = every
	// scenario of the bot (scenario.Dir: sim/scenarios/<bot>).
	Scenarios   []string
	RunID       string
	Concurrency int
	ReportsDir  string
	Progress    io.Writer
	Defects     string
	Customer    runner.Customer
	Target      *botclient.Target // as in Options
}

// JudgeOptions tune Judge: re-scoring the transcripts of an existing run.
type JudgeOptions struct {
	Bot string
	// RunDir is the run's directory, <reports>/<bot>/<run-id>.
	RunDir   string
	Progress io.Writer
}

// WriteOptions tune Write: a brief to scenario files, nothing played.
type WriteOptions struct {
	Bot   string
	Brief string
	Seed  int64 // 0 keeps the brief's seed
	// Out is the directory the files go to; "" = the bot's scenario
	// directory (scenario.Dir), so `caas sim run` plays them next.
	Out    string
	Writer writer.Writer
}
