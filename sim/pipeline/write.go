package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
	"github.com/caas-testing/caas-testing/sim/writer/botdata"
)

// Write turns a brief into scenario files in opt.Out and returns the
// scenarios written (their Path set). It never overwrites a file.
func Write(ctx context.Context, opt WriteOptions) ([]*scenario.Scenario, error) {
	m := opt.Manifest
	if err := required(m); err != nil {
		return nil, err
	}
	scs, err := generate(ctx, m, opt.Brief, opt.Seed, opt.Writer)
	if err != nil {
		return nil, err
	}
	out := opt.Out
	if out == "" {
		dir, err := scenario.Dir(opt.ScenarioRoot, m.Name)
		if err != nil {
			return nil, err
		}
		out = filepath.Join(dir, writer.DraftsDir)
	}
	paths, err := writer.WriteFiles(out, scs)
	if err != nil {
		return nil, err
	}
	for i, p := range paths {
		scs[i].Path = p
	}
	return scs, nil
}

// generate writes a batch in memory: the brief parsed (a bad brief is a
// usage error), the seed applied, the writer run.
func generate(ctx context.Context, m *bots.Manifest, text string, seed int64, w writer.Writer) ([]*scenario.Scenario, error) {
	brief, err := writer.ParseBrief(m.Name, text)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	if seed != 0 {
		brief.Seed = seed
	}
	if w == nil {
		wb, err := botdata.FromManifest(m)
		if err != nil {
			return nil, fmt.Errorf("the writer cannot plan with %s: %w", m.File(), err)
		}
		w = writer.Offline{Bot: wb}
	}
	scs, err := w.Write(ctx, brief)
	if err != nil {
		return nil, fmt.Errorf("writing scenarios for %q: %w", text, err)
	}
	return scs, nil
}

// saveScenarios writes a run's generated scenarios to dir. On a resumed run
// the files are there already: each must be the same scenario (same brief,
// same seed), or the run id belongs to another batch.
func saveScenarios(dir string, scs []*scenario.Scenario) error {
	var missing []*scenario.Scenario
	for _, sc := range scs {
		path := filepath.Join(dir, sc.ID+".yaml")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			missing = append(missing, sc)
			continue
		}
		if err := sameScenario(path, sc); err != nil {
			return err
		}
		sc.Path = path
	}
	if len(missing) == 0 {
		return nil
	}
	paths, err := writer.WriteFiles(dir, missing)
	if err != nil {
		return err
	}
	for i, p := range paths {
		missing[i].Path = p
	}
	return nil
}

// sameScenario checks that the file at path holds sc.
func sameScenario(path string, sc *scenario.Scenario) error {
	have, err := scenario.Load(path)
	if err != nil {
		return err
	}
	a, err := have.Marshal()
	if err != nil {
		return err
	}
	b, err := sc.Marshal()
	if err != nil {
		return err
	}
	if string(a) != string(b) {
		return usageError("%s differs from scenario %s of this run (another brief, seed or edit?); use a new run id, or delete the run directory to start it again", path, sc.ID)
	}
	return nil
}
