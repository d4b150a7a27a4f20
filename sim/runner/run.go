package runner

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// Run plays scs against tg, opt.Concurrency at a time, and returns what
// became of each. A scenario that is errored (its play failed outside the
// bot's conversation: connection refused, its session could not be read)
// does not stop the others: its error is in its result and its
// transcript's end line, and counted in Summary.Errored.
// Run returns an error for invalid options or scenarios (nothing played),
// and when ctx is cancelled: the transcripts written so far are kept and the
// run can be resumed (see the package comment).
func Run(ctx context.Context, tg *botclient.Target, scs []*scenario.Scenario, opt Options) (Summary, error) {
	if err := opt.check(tg.M.Name, scs); err != nil {
		return Summary{}, err
	}
	r := &run{tg: tg, opt: opt, redact: Redactor(tg, opt.Redact)}
	r.progress = &progress{w: opt.Progress, total: len(scs), redact: r.redact}

	start := time.Now()
	results := make([]ScenarioResult, len(scs))
	var g errgroup.Group // not WithContext: one failed scenario must not stop the others
	g.SetLimit(opt.Concurrency)
	for i, sc := range scs {
		if ctx.Err() != nil {
			results[i] = ScenarioResult{ID: sc.ID, Stop: "interrupted", Err: ctx.Err()}
			continue
		}
		g.Go(func() error {
			results[i] = r.play(ctx, i, sc)
			return nil
		})
	}
	_ = g.Wait() // every goroutine returns nil: failures are in results

	s := Summary{RunID: opt.RunID, Dir: opt.Dir, Scenarios: results, Wall: time.Since(start), Concurrency: opt.Concurrency}
	for _, res := range results {
		switch {
		case res.Skipped:
			s.Skipped++
		case res.Stop == "interrupted":
			s.Interrupted = true
		case res.Err != nil: // errored
			s.Errored++
		default:
			s.Played++
		}
		if !res.Skipped {
			s.BotWait += res.BotWait
			s.Busy += res.Duration
		}
	}
	if ctx.Err() != nil {
		s.Interrupted = true
		return s, fmt.Errorf("run %s interrupted; the finished turns are kept in %s: run again with the same run id to resume: %w", opt.RunID, opt.Dir, ctx.Err())
	}
	return s, nil
}

// run is one Run call's shared, read-only state.
type run struct {
	tg       *botclient.Target
	opt      Options
	redact   func(string) string
	progress *progress
}
