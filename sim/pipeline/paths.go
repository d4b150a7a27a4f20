package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/caas-testing/caas-testing/modroot"
)

// ScenariosSubdir is the directory of a run that keeps the scenarios it played.
const ScenariosSubdir = "scenarios"

// ErrUsage marks an error in what the caller asked for (an unknown bot, a
// bad run id, a missing file), as opposed to a failure while doing it.
var ErrUsage = errors.New("usage")

// ErrEnvironment marks an error of the environment the run needs: no
// database for an embedded bot, a bot that cannot be started or reached.
var ErrEnvironment = errors.New("environment not ready")

// ErrErrored is wrapped by the error of a run whose report is written but
// some of whose scenarios are errored (Summary.Errored): the verdict is
// incomplete until a resume plays them again.
var ErrErrored = errors.New("errored scenarios")

// usageError is an error caused by the caller's arguments.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, args...))
}

// DefaultReportsDir is sim/reports under the module root (found by walking
// up from the working directory to go.mod), else sim/reports under the
// working directory.
func DefaultReportsDir() string {
	return modroot.Join("sim", "reports")
}

// RunIDLayout is the layout of generated run ids: sortable local time.
const RunIDLayout = "20060102-150405"

var runIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// NewRunID is a run id for a run starting at t that does not name an
// existing directory under botDir: t in RunIDLayout, with -2, -3, ... when
// two runs start within one second.
func NewRunID(botDir string, t time.Time) string {
	base := t.Format(RunIDLayout)
	id := base
	for n := 2; ; n++ {
		if _, err := os.Stat(filepath.Join(botDir, id)); errors.Is(err, os.ErrNotExist) {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}

func checkRunID(id string) error {
	if !runIDPattern.MatchString(id) {
		return usageError("run id %q: use letters, digits, '.', '_' and '-' only (it names a directory), e.g. %s", id, time.Now().Format(RunIDLayout))
	}
	return nil
}
