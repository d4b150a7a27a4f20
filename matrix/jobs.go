package matrix

import "context"

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
// not run on, so that an escape is an escape from the whole suite. A defect
// whose catalog layers all exist but were left out is not checked at all:
// that was asked for, and the report says so.
func (ex *executor) escalationJobs(all []Layer, runs []*Run) []job {
	idx := indexRuns(runs)
	var present []Layer // a layer with no tests yet is as good as absent
	ex.mu.Lock()
	for _, l := range all {
		if !ex.empty[l.Number] {
			present = append(present, l)
		}
	}
	ex.mu.Unlock()
	var jobs []job
	for _, d := range ex.opt.Defects {
		v := judge(d, "", ex.opt.Bots, present, ex.ready(), idx)
		if v.Status == Caught || (len(v.Catalog) > 0 && len(v.Unselected) == len(v.Catalog)) {
			continue
		}
		for _, bot := range ex.opt.Bots {
			for _, l := range ex.ready() {
				if idx[runKey{bot, l.Number, d}] == nil {
					jobs = append(jobs, job{bot, l.Number, d})
				}
			}
		}
	}
	return jobs
}

// ready returns the selected layers that have a test binary.
func (ex *executor) ready() []Layer {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	var out []Layer
	for _, l := range ex.layers {
		if ex.bins[l.Number] != "" {
			out = append(out, l)
		}
	}
	return out
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
