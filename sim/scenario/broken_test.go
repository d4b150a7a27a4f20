package scenario_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// phases are the reference bots' phase lists from refbot/products/GRAPHS.md,
// enough for ValidatePhases on testdata without loading a manifest.
var phases = map[string][]string{
	"cambialeon": {"greeting", "consent", "bill_data", "comparison", "switching", "done", "closed"},
	"voyachat":   {"greeting", "consent", "trip_details", "offer", "payment", "confirmed", "closed"},
}

// Each testdata/broken file says in "# want:" comments which problems it must
// produce; the test fails on a missing want and on a problem nobody wanted.
func TestBrokenScenarioFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run("reports file, field and fix for "+name, func(t *testing.T) {
			wants := readWants(t, file)
			require.NotEmpty(t, wants, "%s has no # want: lines", file)

			got := problemLines(t, file)
			require.NotEmpty(t, got, "%s loaded and validated cleanly, want problems", file)
			for _, w := range wants {
				assert.True(t, anyContains(got, w), "no problem contains %q; got:\n%s", w, strings.Join(got, "\n"))
			}
			for _, g := range got {
				assert.True(t, anyContainedIn(wants, g), "unexpected problem %q", g)
			}
		})
	}
}

// problemLines loads, validates and checks the phases of file, returning one
// line per problem.
func problemLines(t *testing.T, file string) []string {
	t.Helper()
	s, err := scenario.Load(file)
	if err == nil {
		err = s.Validate()
		if ph, ok := phases[s.Bot]; ok {
			err = errors.Join(err, s.ValidatePhases(ph))
		}
	}
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func readWants(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	var wants []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w, ok := strings.CutPrefix(sc.Text(), "# want: "); ok {
			wants = append(wants, w)
		}
	}
	require.NoError(t, sc.Err())
	return wants
}

func anyContains(lines []string, want string) bool {
	for _, l := range lines {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

func anyContainedIn(wants []string, line string) bool {
	for _, w := range wants {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}
