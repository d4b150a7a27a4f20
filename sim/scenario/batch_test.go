package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

func sc(id, bot, category string) *scenario.Scenario {
	return &scenario.Scenario{ID: id, Bot: bot, Category: category}
}

func TestCheckBatch(t *testing.T) {
	cases := []struct {
		name  string
		batch []*scenario.Scenario
		rules scenario.BatchRules
		want  string // substring of the error; empty = valid
	}{
		{"accepts three categories", []*scenario.Scenario{sc("a", "x", "hostile"), sc("b", "x", "multilingual"), sc("c", "x", "wrong-product")}, scenario.DefaultBatch, ""},
		{"rejects three scenarios of two categories", []*scenario.Scenario{sc("a", "x", "hostile"), sc("b", "x", "hostile"), sc("c", "x", "wrong-product")}, scenario.DefaultBatch,
			"2 categories (hostile, wrong-product), want at least 3; mix in scenarios of other categories: tech-illiterate"},
		{"caps the category rule at the batch size", []*scenario.Scenario{sc("a", "x", "hostile"), sc("b", "x", "multilingual")}, scenario.DefaultBatch, ""},
		{"rejects the wrong count", []*scenario.Scenario{sc("a", "x", "hostile"), sc("b", "x", "multilingual"), sc("c", "x", "wrong-product")}, scenario.BatchRules{Count: 5, MinCategories: 3}, "3 scenarios, want 5"},
		{"rejects a duplicate id", []*scenario.Scenario{sc("a", "x", "hostile"), sc("a", "x", "multilingual"), sc("c", "x", "wrong-product")}, scenario.DefaultBatch, `id "a" is used twice`},
		{"rejects a batch that mixes bots", []*scenario.Scenario{sc("a", "x", "hostile"), sc("b", "y", "multilingual"), sc("c", "x", "wrong-product")}, scenario.DefaultBatch, "mixes bots (x, y)"},
		{"rejects an empty batch", nil, scenario.DefaultBatch, "no scenarios"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := scenario.CheckBatch(c.batch, c.rules)
			if c.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, c.want)
		})
	}
}
