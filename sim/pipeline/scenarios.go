package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// loadScenarios loads scenario files and directories of them; none means
// the bot's own scenarios, under root (scenario.Dir). A path that does not exist is a usage error;
// a file that does not load or validate is an error naming file, field and
// fix.
func loadScenarios(m *bots.Manifest, root string, paths []string) ([]*scenario.Scenario, error) {
	if len(paths) == 0 {
		dir, err := scenario.Dir(root, m.Name)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(dir); err != nil {
			return nil, usageError("%s has no scenarios (%v); write some with `caas sim write -bot %s \"5 scenarios\"` or name files", m.Name, err, m.Name)
		}
		paths = []string{dir}
	}
	var scs []*scenario.Scenario
	var errs []error
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError("scenarios %s: %v; name a scenario file or a directory of them", p, err)
		}
		if st.IsDir() {
			got, err := scenario.LoadDir(p)
			scs = append(scs, got...)
			if err != nil {
				errs = append(errs, err)
			}
			if err == nil && len(got) == 0 {
				errs = append(errs, usageError("%s holds no *.yaml scenario files", p))
			}
			continue
		}
		sc, err := scenario.Load(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		scs = append(scs, sc)
	}
	for _, sc := range scs {
		if err := errors.Join(sc.Validate(), sc.ValidatePhases(m.Graph.Phases)); err != nil {
			errs = append(errs, err)
		}
		if sc.Bot != m.Name {
			errs = append(errs, fmt.Errorf("%s: bot: %q, but this run plays %s; run it with -bot %s", sc.Path, sc.Bot, m.Name, sc.Bot))
		}
	}
	if err := errors.Join(errs...); err != nil {
		if errors.Is(err, ErrUsage) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrUsage, err) // a broken scenario file is the caller's to fix
	}
	return scs, nil
}

// keepScenarios copies the scenarios a run plays into its scenarios/
// directory, so the run can be judged again after the originals change.
// A resumed run must play the same scenarios it started with.
func keepScenarios(runDir string, scs []*scenario.Scenario) error {
	dir := filepath.Join(runDir, ScenariosSubdir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("keeping the run's scenarios: %w", err)
	}
	for _, sc := range scs {
		dst := filepath.Join(dir, sc.ID+".yaml")
		if same, _ := filepath.Abs(dst); sc.Path != "" && absOf(sc.Path) == same {
			continue // written there in the first place
		}
		if _, err := os.Stat(dst); err == nil {
			if err := sameScenario(dst, sc); err != nil {
				return err
			}
			continue
		}
		data, err := scenarioBytes(sc)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("keeping the run's scenarios: %w", err)
		}
	}
	return nil
}

// scenarioBytes is the scenario's file as written (comments kept), or its
// encoding when it has no file.
func scenarioBytes(sc *scenario.Scenario) ([]byte, error) {
	if sc.Path != "" {
		if data, err := os.ReadFile(sc.Path); err == nil {
			return data, nil
		}
	}
	return sc.Marshal()
}

func absOf(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// checkSameBatch refuses to resume a run with other scenarios than it
// started with: the run's scenarios/ directory may only hold scenarios of
// this batch (a run is one batch, judged and compared as one).
func checkSameBatch(runDir string, scs []*scenario.Scenario) error {
	dir := filepath.Join(runDir, ScenariosSubdir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a new run
	}
	ids := map[string]bool{}
	for _, sc := range scs {
		ids[sc.ID] = true
	}
	var foreign []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || filepath.Ext(name) != ".yaml" || name[0] == '.' || name[0] == '_' {
			continue
		}
		if id := name[:len(name)-len(".yaml")]; !ids[id] {
			foreign = append(foreign, id)
		}
	}
	if len(foreign) > 0 {
		return usageError("run %s already played other scenarios (%s); resume it with the same scenarios, or use a new run id", filepath.Base(runDir), strings.Join(foreign, ", "))
	}
	return nil
}
