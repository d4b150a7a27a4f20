package l13sim_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// playBudget bounds one play of the whole batch: about two seconds on the
// embedded bot, so a minute means the bot is stuck.
const playBudget = 2 * time.Minute

// batch is every scenario of the bot under test: sim/scenarios/<bot>, or
// $CAAS_SCENARIOS_DIR/<bot>, in file name order.
func batch(t testing.TB) []*scenario.Scenario {
	t.Helper()
	m := testutil.Manifest(t)
	scs, err := scenario.LoadBot(testutil.ScenarioRoot(), m.Name)
	require.NoError(t, err, "loading the scenarios of %s", m.Name)
	require.NotEmpty(t, scs, "%s has no scenarios; write some under sim/scenarios/%s (caas sim write)", m.Name, m.Name)
	return scs
}

// play is one play of a batch: what the runner did, the transcripts it
// wrote (parsed, and as the bytes it wrote) and the judge's score of each.
type play struct {
	Label     string
	Scenarios []*scenario.Scenario
	Summary   runner.Summary
	// Runs, Transcripts, Raw and Results are keyed by scenario id. A
	// scenario whose transcript could not be read has none in Transcripts
	// and Raw, and is scored as an empty conversation.
	Runs        map[string]runner.ScenarioResult
	Transcripts map[string]*transcript.Transcript
	Raw         map[string][]byte
	Results     map[string]judge.Result
}

// ordered are the results in scenario order.
func (p *play) ordered() []judge.Result {
	out := make([]judge.Result, 0, len(p.Scenarios))
	for _, sc := range p.Scenarios {
		out = append(out, p.Results[sc.ID])
	}
	return out
}

// playBatch plays scs against tg with the scripted customer, all at once
// (a turn is mostly waiting for the bot's settle window, so one wave of
// conversations costs what one conversation does), each on its own fresh
// phone, and judges every
// transcript. The transcripts are read into memory and their directory
// removed: tests share a play, and no test owns a directory that outlives it.
func playBatch(ctx context.Context, tg *botclient.Target, scs []*scenario.Scenario, label string) (*play, error) {
	dir, err := os.MkdirTemp("", "l13sim-"+label+"-")
	if err != nil {
		return nil, fmt.Errorf("making a run directory for %s: %w", label, err)
	}
	defer os.RemoveAll(dir)
	sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: label, Dir: dir, Concurrency: len(scs)})
	if err != nil {
		return nil, fmt.Errorf("playing %d scenarios of %s (%s): %w", len(scs), tg.M.Name, label, err)
	}
	p := &play{Label: label, Scenarios: scs, Summary: sum, Runs: map[string]runner.ScenarioResult{},
		Transcripts: map[string]*transcript.Transcript{}, Raw: map[string][]byte{}, Results: map[string]judge.Result{}}
	for _, res := range sum.Scenarios {
		p.Runs[res.ID] = res
	}
	var errs []error
	for _, sc := range scs {
		raw, err := os.ReadFile(runner.TranscriptPath(dir, sc.ID))
		if err == nil {
			var tr *transcript.Transcript
			if tr, err = transcript.Decode(bytes.NewReader(raw)); err == nil {
				p.Transcripts[sc.ID], p.Raw[sc.ID] = tr, raw
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: reading its transcript: %w", sc.ID, err))
		}
		p.Results[sc.ID] = judge.Score(p.Transcripts[sc.ID], sc, tg.M)
	}
	if len(errs) == len(scs) {
		return nil, fmt.Errorf("%s: no transcript could be read: %w", label, errors.Join(errs...))
	}
	return p, nil
}

// shared is the one play of the bot under test per test binary: the
// scenario, golden, range and reproducibility tests all read it.
var shared struct {
	once sync.Once
	p    *play
	err  error
}

// played returns the shared play, playing the batch on the shared target on
// first use.
func played(t testing.TB) *play {
	t.Helper()
	tg := testutil.Open(t)
	scs := batch(t)
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), playBudget)
		defer cancel()
		shared.p, shared.err = playBatch(ctx, tg.Target, scs, "l13-shared")
	})
	require.NoError(t, shared.err, "the shared play of %s's scenarios failed; every test that reads it fails too", tg.M.Name)
	return shared.p
}
