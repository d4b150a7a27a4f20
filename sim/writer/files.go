package writer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// DraftsDir is the subdirectory of a bot's scenario directory that written
// scenarios go to when no other directory is named (sim/scenarios/<bot>/drafts).
// The suite's scenario loaders read only the files directly in the bot's
// directory, and L13 holds every scenario it plays there to a golden line
// recorded on the clean bot: a new scenario with no line turns it red. A
// draft joins the suite when someone has read it, moved it up a level and
// recorded its line (go test ./layers/L13_sim -bot=<bot> -update).
const DraftsDir = "drafts"

// WriteFiles writes each scenario to dir/<id>.yaml and returns the paths.
// It never overwrites: if any file exists it writes nothing and says which
// (use OverwriteFiles to replace them on purpose). Every scenario must
// validate and ids must be unique; a failure writes nothing.
func WriteFiles(dir string, scs []*scenario.Scenario) ([]string, error) {
	return writeFiles(dir, scs, false)
}

// OverwriteFiles is WriteFiles that replaces existing files of the same ids.
func OverwriteFiles(dir string, scs []*scenario.Scenario) ([]string, error) {
	return writeFiles(dir, scs, true)
}

func writeFiles(dir string, scs []*scenario.Scenario, overwrite bool) ([]string, error) {
	paths := make([]string, len(scs))
	data := make([][]byte, len(scs))
	seen := map[string]bool{}
	var errs []error
	for i, s := range scs {
		if err := s.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[s.ID] {
			errs = append(errs, fmt.Errorf("scenario id %q appears twice in the batch; give each its own id", s.ID))
		}
		seen[s.ID] = true
		paths[i] = filepath.Join(dir, s.ID+".yaml")
		if !overwrite {
			if _, err := os.Stat(paths[i]); err == nil {
				errs = append(errs, fmt.Errorf("%s exists; pick another seed, delete it, or overwrite on purpose", paths[i]))
			}
		}
		b, err := s.Marshal()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		data[i] = append(header(s), b...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("write scenarios to %s: nothing written:\n%w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create scenario directory: %w", err)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL // O_EXCL: never clobber a file that appeared meanwhile
	if overwrite {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	for i, p := range paths {
		if err := writeFile(p, data[i], flags); err != nil {
			return paths[:i], err
		}
	}
	return paths, nil
}

func writeFile(path string, data []byte, flags int) error {
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return fmt.Errorf("write scenario: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write scenario %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write scenario %s: %w", path, err)
	}
	return nil
}

// header says where a generated file came from, so a reader knows it can be
// regenerated (or edited: it is theirs once written).
func header(s *scenario.Scenario) []byte {
	if s.Seed == 0 {
		return nil
	}
	return fmt.Appendf(nil, "# Written by the offline scenario writer (seed %d). Edit freely: the file is yours now.\n", s.Seed)
}
