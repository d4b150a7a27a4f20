package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// minShipped is how many scenarios each shipped bot must have.
var minShipped = map[string]int{"cambialeon": 10, "voyachat": 8}

func shippedBots(t *testing.T) []string {
	t.Helper()
	dir, err := scenario.Dir("", "cambialeon")
	require.NoError(t, err)
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	require.NotEmpty(t, out)
	return out
}

func TestShippedScenarios(t *testing.T) {
	all := map[string]bool{}
	for _, bot := range shippedBots(t) {
		scs, err := scenario.LoadBot("", bot)
		require.NoError(t, err, "sim/scenarios/%s", bot)
		m, err := bots.FromEnv(os.Getenv).Load(bot)
		require.NoError(t, err, "every scenario directory needs its bot's manifest")

		t.Run(bot+" scenarios validate against the schema and the manifest's phases", func(t *testing.T) {
			for _, s := range scs {
				assert.NoError(t, errors.Join(s.Validate(), s.ValidatePhases(m.Graph.Phases)))
				assert.Equal(t, bot, s.Bot, "%s sits in sim/scenarios/%s", s.Path, bot)
			}
		})
		t.Run(bot+" batch mixes at least three categories", func(t *testing.T) {
			assert.NoError(t, scenario.CheckBatch(scs, scenario.DefaultBatch))
			assert.GreaterOrEqual(t, len(scs), minShipped[bot])
		})
		t.Run(bot+" scenarios speak the bot's languages", func(t *testing.T) {
			for _, s := range scs {
				assert.Contains(t, m.Persona.Languages, s.Language, s.ID)
			}
		})
		for _, c := range scenario.BatchCategories(scs) {
			all[c] = true
		}
	}
	t.Run("together they cover all eight categories", func(t *testing.T) {
		for _, c := range scenario.Categories {
			assert.True(t, all[c], "no shipped scenario of category %s", c)
		}
	})
}

// The seed's first real run (docs/scenarios.md §1) named five personas; they are
// shipped as cambialeon scenarios so runs can be compared with it.
func TestTheSeedsFivePersonasAreShipped(t *testing.T) {
	scs, err := scenario.LoadBot("", "cambialeon")
	require.NoError(t, err)
	byID := map[string]*scenario.Scenario{}
	for _, s := range scs {
		byID[s.ID] = s
	}
	seed := []struct {
		id, category, name string
		age                int
	}{
		{"grandma-carmen", "tech-illiterate", "Grandma Carmen", 76},
		{"lawyer-alberto", "legal-pressure", "Lawyer Alberto", 0},
		{"spy-laura", "competitive-intel", "Spy Laura", 0},
		{"multilingual-yuki", "multilingual", "Multilingual Yuki", 0},
		{"rage-quitter-francisco", "hostile", "Rage Quitter Francisco", 0},
	}
	for _, p := range seed {
		t.Run(p.name, func(t *testing.T) {
			s := byID[p.id]
			require.NotNil(t, s, "sim/scenarios/cambialeon/%s.yaml", p.id)
			assert.Equal(t, p.category, s.Category)
			assert.Equal(t, p.name, s.Persona.Name)
			if p.age != 0 {
				assert.Equal(t, p.age, s.Persona.Age)
			}
		})
	}
	t.Run("Yuki mixes four languages", func(t *testing.T) {
		assert.Len(t, byID["multilingual-yuki"].Languages(), 4)
	})
	t.Run("Laura goes through the comparison", func(t *testing.T) {
		assert.Equal(t, "comparison", byID["spy-laura"].Expect.FinalPhase)
	})
	t.Run("Francisco is offered a human", func(t *testing.T) {
		assert.True(t, byID["rage-quitter-francisco"].Expect.Handoff)
	})
}
