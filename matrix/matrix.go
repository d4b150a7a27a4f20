package matrix

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/refbot/defect"
)

// ErrUsage marks the caller's mistakes (an unknown layer, defect or scope).
var ErrUsage = errors.New("usage")

// Scope says which layers run with a defect on.
type Scope string

const (
	// ScopeCatalog runs each defect's catalog layers first, and the other
	// layers only for a defect they did not catch (to tell "caught
	// elsewhere" from "escaped"). It proves the same gate as ScopeFull in a
	// fraction of the runs, but lists only the catalog layers' catches.
	ScopeCatalog Scope = "catalog"
	// ScopeFull runs every selected layer with every defect on.
	ScopeFull Scope = "full"
)

// Options configure a matrix run.
type Options struct {
	Root     string        // the repository root; "" = the module root above the working directory
	Bots     []string      // the bots (see ResolveBots)
	Layers   string        // -layers spec (see SelectLayers); "" = every layer but the sim layer
	Defects  []string      // the defects to check; nil = all of refbot/defect
	Scope    Scope         // "" = ScopeCatalog
	Parallel int           // test binaries run at once; 0 = DefaultParallel
	Timeout  time.Duration // each binary's -test.timeout; 0 = DefaultTimeout
	Progress io.Writer     // a line per finished run; nil = quiet
	// DatabaseURL is the PostgreSQL server the runs use ($CAAS_DATABASE_URL,
	// which the test binaries read themselves); "" = 127.0.0.1:5432. The
	// report samples its connections.
	DatabaseURL string
}

// Defaults, measured on the 2-core machine the project targets (see the
// package tests and the report of the change that added them).
const (
	DefaultParallel = 2
	DefaultTimeout  = 4 * time.Minute
)

// Check builds the selected layers, runs them on the clean bots and with each
// defect on, and returns the report. Its error is for what stops the matrix
// itself (a layer that does not build: *BuildError; no layers; interrupted);
// a red clean run or an escaped defect is in the report (Report.OK).
func Check(ctx context.Context, opt Options) (*Report, error) {
	started := time.Now()
	if err := opt.defaults(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	all, err := FindLayers(opt.Root)
	if err != nil {
		return nil, err
	}
	selected, err := SelectLayers(all, opt.Layers)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	rep := &Report{Bots: opt.Bots, Scope: opt.Scope, Parallel: opt.Parallel, Defects: opt.Defects}
	t2j, err := test2jsonPath(ctx)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "caas-defects-")
	if err != nil {
		return nil, fmt.Errorf("a directory for the test binaries: %w", err)
	}
	defer os.RemoveAll(dir)

	p := newProgress(opt.Progress, started)
	p.printf("%d bots × %d layers, %d defects, scope %s, %d at a time; building the layers while the first runs go",
		len(opt.Bots), len(selected), len(opt.Defects), opt.Scope, opt.Parallel)
	watch := watchConnections(ctx, opt.DatabaseURL)
	ex := newExecutor(opt, t2j, selected, p, watch)
	// a compile error stops the runs under way; a run that ends the matrix
	// (interrupted) stops the builds
	runCtx, cancelRuns := context.WithCancel(ctx)
	defer cancelRuns()
	buildCtx, cancelBuild := context.WithCancel(ctx)
	defer cancelBuild()
	var builds errgroup.Group
	builds.Go(func() error {
		err := ex.buildAll(buildCtx, dir, started)
		if err != nil {
			cancelRuns()
		}
		return err
	})
	runs, err := ex.execute(runCtx, ex.firstJobs(), opt.Parallel)
	if err != nil {
		cancelBuild()
	}
	if berr := builds.Wait(); berr != nil && !errors.Is(berr, context.Canceled) {
		err = berr // a compile error explains the rest
	}
	if err == nil && opt.Scope == ScopeCatalog {
		var more []*Run
		more, err = ex.execute(ctx, ex.escalationJobs(all, runs), opt.Parallel)
		runs = append(runs, more...)
	}
	if err == nil {
		runs, rep.Retried, err = ex.retryRefused(ctx, runs)
	}
	rep.Connections = watch.Stats()
	if err != nil {
		return nil, err
	}
	rep.All, rep.Layers, rep.BuildTime = all, ex.ready(), ex.built
	for _, l := range selected {
		if ex.empty[l.Number] {
			rep.Empty = append(rep.Empty, l.Package())
		}
		if ex.shared[l.Number] {
			rep.Shared = append(rep.Shared, l.Number)
		}
	}
	if len(rep.Layers) == 0 {
		return nil, errors.New("no selected layer has tests yet")
	}
	rep.Runs = runs
	rep.judge()
	rep.Elapsed = time.Since(started)
	return rep, nil
}

func (opt *Options) defaults() error {
	if opt.Root == "" {
		root, err := modroot.Find()
		if err != nil {
			return err
		}
		opt.Root = root
	}
	if len(opt.Bots) == 0 {
		return errors.New("no bots to run; see ResolveBots")
	}
	if opt.Defects == nil {
		opt.Defects = defect.Names()
	}
	if _, err := defect.Parse(strings.Join(opt.Defects, ",")); err != nil {
		return err
	}
	switch opt.Scope {
	case "":
		opt.Scope = ScopeCatalog
	case ScopeCatalog, ScopeFull:
	default:
		return fmt.Errorf("unknown scope %q; want %s or %s", opt.Scope, ScopeCatalog, ScopeFull)
	}
	if opt.Parallel <= 0 {
		opt.Parallel = DefaultParallel
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	return nil
}
