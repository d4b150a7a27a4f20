package l13sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/testutil"
)

// A scenario that does not validate would be played with the wrong
// expectations, and a batch of one category would test one kind of customer.
func TestEveryScenarioOfTheBotValidatesAndTheBatchMixesThreeCategories(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	scs := batch(t)
	for _, sc := range scs {
		t.Run(sc.ID, func(t *testing.T) {
			assert.NoError(t, sc.Validate(), "%s breaks the scenario schema", sc.Path)
			assert.NoError(t, sc.ValidatePhases(m.Graph.Phases), "%s names phases that are not %s's (graph.phases: %v)", sc.Path, m.Name, m.Graph.Phases)
			assert.Equal(t, m.Name, sc.Bot, "%s is in %s's scenarios but says bot: %s", sc.Path, m.Name, sc.Bot)
		})
	}
	assert.NoError(t, scenario.CheckBatch(scs, scenario.DefaultBatch), "the batch of %s as a whole", m.Name)
	cats := scenario.BatchCategories(scs)
	assert.GreaterOrEqual(t, len(cats), 3, "%s's scenarios mix only the categories %v; docs/scenarios.md §2 wants at least 3", m.Name, cats)
}
