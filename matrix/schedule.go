package matrix

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A job is one run to do: a layer against a bot with a defect ("" = clean).
type job struct{ bot, layer, defect string }

// executor runs jobs on a fixed number of workers while the layers are
// still being built (linking is CPU, the runs mostly wait on PostgreSQL, so
// the two overlap well on two cores). It hands out clean runs first and
// then the defect run expected to take longest, so slow layers do not end
// up alone at the end; and it runs a layer that tests every bot in one
// binary (L12) once per defect rather than once per bot.
type executor struct {
	opt      Options
	t2j      string
	layers   []Layer // the selected layers
	progress *progress
	watch    *connWatch

	mu       sync.Mutex
	cond     *sync.Cond
	bins     map[string]string // layer -> its test binary, once built
	empty    map[string]bool   // layers with no test files
	buildErr error
	built    time.Duration // when the last layer was built, from the start
	// shared: layer -> whether one run of it tests every bot (decided by
	// the primary bot's clean run; absent until then).
	shared  map[string]bool
	est     map[[2]string]time.Duration // (bot, layer) -> the clean run's time
	pending []job
	running map[job]bool
}

func newExecutor(opt Options, t2j string, layers []Layer, p *progress, w *connWatch) *executor {
	ex := &executor{
		opt: opt, t2j: t2j, layers: layers, progress: p, watch: w,
		bins: map[string]string{}, empty: map[string]bool{}, shared: map[string]bool{},
		est: map[[2]string]time.Duration{}, running: map[job]bool{},
	}
	ex.cond = sync.NewCond(&ex.mu)
	return ex
}

// primary is the bot a layer that tests every bot runs with.
func (ex *executor) primary() string { return ex.opt.Bots[0] }

// buildAll builds the layers one by one, publishing each binary as soon as
// it exists. A compile error stops the matrix.
func (ex *executor) buildAll(ctx context.Context, dir string, start time.Time) error {
	for _, l := range ex.layers {
		bin, err := buildLayer(ctx, ex.opt.Root, l, dir)
		ex.mu.Lock()
		switch {
		case err != nil:
			ex.buildErr = err
		case bin == "":
			ex.empty[l.Number] = true
		default:
			ex.bins[l.Number] = bin
		}
		ex.built = time.Since(start)
		ex.cond.Broadcast()
		ex.mu.Unlock()
		if err != nil {
			return err
		}
		if bin != "" {
			ex.progress.printf("built %s", l.Package())
		}
	}
	return nil
}

// execute runs the jobs, parallel at a time, and returns their runs in the
// jobs' order (jobs of layers with no tests have none). It stops early when
// ctx is cancelled or a layer does not build.
func (ex *executor) execute(ctx context.Context, jobs []job, parallel int) ([]*Run, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	ex.mu.Lock()
	ex.pending = append([]job(nil), jobs...)
	ex.mu.Unlock()
	stop := context.AfterFunc(ctx, func() {
		ex.mu.Lock()
		ex.cond.Broadcast()
		ex.mu.Unlock()
	})
	defer stop()
	ex.progress.add(len(jobs))

	results := make(map[job]*Run, len(jobs))
	var mu sync.Mutex
	var g errgroup.Group
	for range min(parallel, len(jobs)) {
		g.Go(func() error {
			for {
				j, ok, err := ex.next(ctx)
				if err != nil || !ok {
					return err
				}
				if err := ex.watch.waitRoom(ctx, connReserve, ex.progress); err != nil {
					return err
				}
				r := ex.runOne(ctx, j)
				ex.finished(j, r)
				mu.Lock()
				results[j] = r
				mu.Unlock()
			}
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []*Run
	for _, j := range jobs {
		if r := ex.resultFor(j, results); r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// next hands a worker the next job, waiting while every pending job's layer
// is still being built or waits for the primary bot's clean run to say
// whether the layer tests every bot.
func (ex *executor) next(ctx context.Context) (job, bool, error) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	for {
		if err := ctx.Err(); err != nil {
			return job{}, false, err
		}
		if ex.buildErr != nil {
			return job{}, false, ex.buildErr
		}
		if i := ex.pick(); i >= 0 {
			j := ex.pending[i]
			ex.pending = slices.Delete(ex.pending, i, i+1)
			ex.running[j] = true
			return j, true, nil
		}
		if len(ex.pending) == 0 {
			return job{}, false, nil
		}
		ex.cond.Wait()
	}
}

// pick returns the index of the best pending job that can run now, or -1.
// It drops the jobs that need no run of their own: a layer with no tests,
// and the other bots' runs of a layer that tests every bot. ex.mu is held.
func (ex *executor) pick() int {
	best := -1
	for i := 0; i < len(ex.pending); {
		j := ex.pending[i]
		if ex.empty[j.layer] || (j.bot != ex.primary() && ex.sharedLayer(j.layer) == yes) {
			ex.pending = slices.Delete(ex.pending, i, i+1) // best < i: its index holds
			ex.progress.add(-1)
			continue
		}
		if ex.bins[j.layer] == "" || (j.bot != ex.primary() && ex.sharedLayer(j.layer) == unknown) {
			i++
			continue
		}
		if best < 0 || ex.before(j, ex.pending[best]) {
			best = i
		}
		i++
	}
	return best
}

type tristate int

const (
	unknown tristate = iota
	yes
	no
)

// sharedLayer says whether one run of the layer tests every bot. Unknown
// until the primary bot's clean run of it ends; when no such run is to
// come, the layer is run per bot. ex.mu is held.
func (ex *executor) sharedLayer(layer string) tristate {
	if len(ex.opt.Bots) < 2 {
		return no
	}
	if s, ok := ex.shared[layer]; ok {
		if s {
			return yes
		}
		return no
	}
	clean := job{ex.primary(), layer, ""}
	if ex.running[clean] || slices.Contains(ex.pending, clean) {
		return unknown
	}
	ex.shared[layer] = false
	return no
}

// before orders jobs: clean runs first, then the longest expected.
func (ex *executor) before(a, b job) bool {
	if (a.defect == "") != (b.defect == "") {
		return a.defect == ""
	}
	return ex.estimate(a) > ex.estimate(b)
}

// estimate is the clean run's time of the job's layer and bot, else the
// mean of those known. ex.mu is held.
func (ex *executor) estimate(j job) time.Duration {
	if d, ok := ex.est[[2]string{j.bot, j.layer}]; ok {
		return d
	}
	if len(ex.est) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ex.est {
		sum += d
	}
	return sum / time.Duration(len(ex.est))
}

// finished records a run: its time estimates the layer's defect runs, and
// the primary bot's clean run decides whether the layer tests every bot.
func (ex *executor) finished(j job, r *Run) {
	ex.mu.Lock()
	delete(ex.running, j)
	if j.defect == "" && (r.Outcome == Green || r.Outcome == Red) {
		ex.est[[2]string{j.bot, j.layer}] = r.Elapsed
	}
	if j.defect == "" && j.bot == ex.primary() {
		if _, decided := ex.shared[j.layer]; !decided {
			ex.shared[j.layer] = testsEveryBot(r, ex.opt.Bots)
			if ex.shared[j.layer] {
				ex.progress.printf("L%s tests every bot in one binary: one run per defect, with CAAS_BOT=%s", j.layer, j.bot)
			}
		}
	}
	ex.cond.Broadcast()
	ex.mu.Unlock()
	ex.progress.finished(r)
}

// resultFor is a job's run: its own, or, for a layer that tests every bot,
// the primary bot's run seen from this bot.
func (ex *executor) resultFor(j job, results map[job]*Run) *Run {
	ex.mu.Lock()
	shared := ex.shared[j.layer] && len(ex.opt.Bots) > 1
	ex.mu.Unlock()
	if !shared {
		return results[j]
	}
	primary := results[job{ex.primary(), j.layer, j.defect}]
	if primary == nil {
		return nil
	}
	return forBot(primary, j.bot)
}

func (ex *executor) runOne(ctx context.Context, j job) *Run {
	var dir string
	for _, l := range ex.layers {
		if l.Number == j.layer {
			dir = filepath.Join(ex.opt.Root, l.Dir)
		}
	}
	ex.mu.Lock()
	bin := ex.bins[j.layer]
	ex.mu.Unlock()
	return runBinary(ctx, runSpec{
		bin: bin, dir: dir, test2json: ex.t2j,
		bot: j.bot, layer: j.layer, defect: j.defect, timeout: ex.opt.Timeout,
	})
}
