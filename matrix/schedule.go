package matrix

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A job is one run to do: a layer against a bot with a defect ("" = clean).
type job struct{ bot, layer, defect string }

// executor runs jobs on a fixed number of workers, longest first: clean runs
// go first, and their times estimate the defect runs of the same layer and
// bot, so the slow layers do not end up alone at the end.
type executor struct {
	opt      Options
	bins     map[string]string // layer number -> test binary
	t2j      string
	layers   []Layer // selected layers that have a binary
	progress *progress

	mu  sync.Mutex
	est map[[2]string]time.Duration // (bot, layer) -> the clean run's time
}

// firstJobs: the clean runs, and each defect on its catalog layers (or on
// every layer, in the full scope).
func (ex *executor) firstJobs() []job {
	var jobs []job
	for _, bot := range ex.opt.Bots {
		for _, l := range ex.layers {
			jobs = append(jobs, job{bot, l.Number, ""})
		}
	}
	for _, d := range ex.opt.Defects {
		want := map[string]bool{}
		for _, n := range CatalogLayers(d) {
			want[n] = true
		}
		for _, bot := range ex.opt.Bots {
			for _, l := range ex.layers {
				if ex.opt.Scope == ScopeFull || want[l.Number] {
					jobs = append(jobs, job{bot, l.Number, d})
				}
			}
		}
	}
	return jobs
}

// escalationJobs: for each defect nothing has caught yet, the layers it has
// not run on, so that an escape is an escape from the whole suite.
func (ex *executor) escalationJobs(all []Layer, runs []*Run) []job {
	idx := indexRuns(runs)
	var jobs []job
	for _, d := range ex.opt.Defects {
		if caughtAnywhere(d, ex.opt.Bots, all, ex.layers, idx) {
			continue
		}
		for _, bot := range ex.opt.Bots {
			for _, l := range ex.layers {
				if idx[runKey{bot, l.Number, d}] == nil {
					jobs = append(jobs, job{bot, l.Number, d})
				}
			}
		}
	}
	return jobs
}

// retryRefused runs again, one at a time, every run PostgreSQL refused
// connections to, since that says nothing about the bot; what is still
// refused stays so in the report.
func (ex *executor) retryRefused(ctx context.Context, runs []*Run) ([]*Run, int, error) {
	var again []job
	for _, r := range runs {
		if r.Outcome == NoConnections {
			again = append(again, job{r.Bot, r.Layer, r.Defect})
		}
	}
	if len(again) == 0 {
		return runs, 0, nil
	}
	ex.progress.printf("PostgreSQL refused connections (too many clients) in %d runs; running them again one at a time", len(again))
	redone, err := ex.execute(ctx, again, 1)
	if err != nil {
		return nil, 0, err
	}
	idx := indexRuns(redone)
	for i, r := range runs {
		if n := idx[runKey{r.Bot, r.Layer, r.Defect}]; n != nil {
			runs[i] = n
		}
	}
	return runs, len(again), nil
}

// execute runs the jobs, parallel at a time, and returns their runs in the
// jobs' order. It stops early only when ctx is cancelled.
func (ex *executor) execute(ctx context.Context, jobs []job, parallel int) ([]*Run, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	q := &jobQueue{pending: append([]job(nil), jobs...), ex: ex}
	ex.progress.add(len(jobs))
	results := make(map[job]*Run, len(jobs))
	var mu sync.Mutex
	var g errgroup.Group
	for range min(parallel, len(jobs)) {
		g.Go(func() error {
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				j, ok := q.pop()
				if !ok {
					return nil
				}
				r := ex.runOne(ctx, j)
				if r.Defect == "" && (r.Outcome == Green || r.Outcome == Red) {
					ex.mu.Lock()
					ex.est[[2]string{r.Bot, r.Layer}] = r.Elapsed
					ex.mu.Unlock()
				}
				ex.progress.finished(r)
				mu.Lock()
				results[j] = r
				mu.Unlock()
			}
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := make([]*Run, len(jobs))
	for i, j := range jobs {
		out[i] = results[j]
	}
	return out, nil
}

func (ex *executor) runOne(ctx context.Context, j job) *Run {
	var dir string
	for _, l := range ex.layers {
		if l.Number == j.layer {
			dir = filepath.Join(ex.opt.Root, l.Dir)
		}
	}
	return runBinary(ctx, runSpec{
		bin: ex.bins[j.layer], dir: dir, test2json: ex.t2j,
		bot: j.bot, layer: j.layer, defect: j.defect, timeout: ex.opt.Timeout,
	})
}

// jobQueue hands out clean runs first, then the defect run expected to be
// longest.
type jobQueue struct {
	mu      sync.Mutex
	pending []job
	ex      *executor
}

func (q *jobQueue) pop() (job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.pending) == 0 {
		return job{}, false
	}
	best := 0
	for i, j := range q.pending {
		if j.defect == "" {
			best = i
			break
		}
		if q.estimate(j) > q.estimate(q.pending[best]) {
			best = i
		}
	}
	j := q.pending[best]
	q.pending = append(q.pending[:best], q.pending[best+1:]...)
	return j, true
}

// estimate is the clean run's time of the job's layer and bot, else the
// mean of those known.
func (q *jobQueue) estimate(j job) time.Duration {
	q.ex.mu.Lock()
	defer q.ex.mu.Unlock()
	if d, ok := q.ex.est[[2]string{j.bot, j.layer}]; ok {
		return d
	}
	var sum time.Duration
	for _, d := range q.ex.est {
		sum += d
	}
	if len(q.ex.est) == 0 {
		return 0
	}
	return sum / time.Duration(len(q.ex.est))
}

// progress writes a line per finished run to stderr: where the matrix is,
// and what each run found.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	done  int
	total int
}

func newProgress(w io.Writer, start time.Time) *progress { return &progress{w: w, start: start} }

func (p *progress) add(n int) {
	p.mu.Lock()
	p.total += n
	p.mu.Unlock()
}

func (p *progress) printf(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "[%s] %s\n", clock(time.Since(p.start)), fmt.Sprintf(format, args...))
}

func (p *progress) finished(r *Run) {
	p.mu.Lock()
	p.done++
	done, total := p.done, p.total
	p.mu.Unlock()
	name := r.Defect
	if name == "" {
		name = "(clean)"
	}
	p.printf("%*d/%d  %-10s L%s  %-22s %s (%s)", len(fmt.Sprint(total)), done, total, r.Bot, r.Layer, name, runSummary(r), r.Elapsed.Round(100*time.Millisecond))
}

// runSummary says in a few words how a run ended.
func runSummary(r *Run) string {
	switch r.Outcome {
	case Green:
		return fmt.Sprintf("green, %d tests", len(r.Tests))
	case Red:
		return "red: " + failedNames(r)
	default:
		s := string(r.Outcome)
		if f := r.Failed(); len(f) > 0 {
			s += " after " + failedNames(r)
		}
		return s + ": " + r.Detail
	}
}

func failedNames(r *Run) string {
	var names []string
	for _, t := range r.Failed() {
		names = append(names, shortTest(t.Name, 40))
	}
	sort.Strings(names)
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("+%d more", len(names)-3))
	}
	return strings.Join(names, ", ")
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
