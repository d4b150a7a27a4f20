package l01unit_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestEveryScenarioFileOfTheBotValidatesAgainstTheSchema(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	dir, err := scenario.Dir(testutil.ScenarioRoot(), m.Name)
	require.NoError(t, err)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s has no sim scenarios: %s does not exist (write some with `caas sim write`)", m.Name, dir)
	}
	scs, err := scenario.LoadDir(dir)
	require.NoError(t, err, "the scenario files of %s do not all load", m.Name)
	require.NotEmpty(t, scs)
	for _, s := range scs {
		t.Run(s.ID, func(t *testing.T) {
			assert.NoError(t, s.Validate(), "%s breaks the scenario schema", s.Path)
			assert.NoError(t, s.ValidatePhases(m.Graph.Phases), "%s names phases %s's graph does not have, or goes back", s.Path, m.Name)
			assert.Equal(t, m.Name, s.Bot, "%s is filed under %s but is written for bot %q", s.Path, m.Name, s.Bot)
			assert.Equal(t, s.ID+".yaml", filepath.Base(s.Path), "a scenario file is named after its id")
		})
	}
	assert.NoError(t, scenario.CheckBatch(scs, scenario.BatchRules{MinCategories: 3}), "%s's scenarios must mix at least three categories", m.Name)

	// The check is not a rubber stamp: the first scenario, broken, fails it.
	broken := *scs[0]
	broken.Category = "l01-no-such-category"
	assert.Error(t, broken.Validate(), "a scenario of an unknown category validates")
	broken = *scs[0]
	broken.Expect.FinalPhase = "l01_phase"
	assert.Error(t, broken.ValidatePhases(m.Graph.Phases), "a scenario ending in an unknown phase validates")
}
