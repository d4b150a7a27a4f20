package regression

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// FormatDoc is where the row format is written down, for messages.
const FormatDoc = "regression/README.md"

// Dir is the folder of the rows, regression/rows in this module: the one
// place a named bug is added (by hand or by the sim fix cycle promoting a
// scenario).
func Dir() (string, error) {
	root, err := modroot.Find()
	if err != nil {
		return "", fmt.Errorf("find the regression rows: %w", err)
	}
	return filepath.Join(root, "regression", "rows"), nil
}

// LoadDir reads every row (*.yaml) of dir, sorted by file name. The error
// lists every file that could not be read as a row (strictyaml.Problems when
// they are all format problems).
func LoadDir(dir string) ([]*Row, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no regression rows (*.yaml); the named bugs must be there (%s)", shown(dir), FormatDoc)
	}
	sort.Strings(files)
	var rows []*Row
	var probs strictyaml.Problems
	var errs []error
	for _, f := range files {
		r, err := Load(f)
		var ps strictyaml.Problems
		switch {
		case errors.As(err, &ps):
			probs = append(probs, ps...)
		case err != nil:
			errs = append(errs, err)
		default:
			rows = append(rows, r)
		}
	}
	if len(errs) > 0 {
		return rows, errors.Join(append(errs, probs.Err())...)
	}
	return rows, probs.Err()
}

// Load reads one row file.
func Load(path string) (*Row, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read regression row: %w", err)
	}
	return decode(shown(path), data)
}

// shown is path as messages show it: relative to the module root.
func shown(path string) string { return modroot.Display(path) }
