package scenario_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

const validFile = "testdata/valid/abuela-rosa.yaml"

func TestLoad(t *testing.T) {
	t.Run("decodes every field of a valid file", func(t *testing.T) {
		s, err := scenario.Load(validFile)
		require.NoError(t, err)
		assert.Equal(t, "abuela-rosa", s.ID)
		assert.Equal(t, "cambialeon", s.Bot)
		assert.Equal(t, "tech-illiterate", s.Category)
		assert.Equal(t, 81, s.Persona.Age)
		assert.Equal(t, []string{"asks what every word means", "cannot take a photo of the bill"}, s.Persona.Tactics)
		assert.Len(t, s.Turns, 6)
		assert.Equal(t, 7, s.MaxTurns)
		assert.Equal(t, "switching", s.Expect.FinalPhase)
		assert.Equal(t, validFile, s.Path)
		assert.NoError(t, s.Validate())
		assert.NoError(t, s.ValidatePhases(phases["cambialeon"]))
	})

	t.Run("points a problem found after loading at the field's line", func(t *testing.T) {
		s, err := scenario.Load(validFile)
		require.NoError(t, err)
		s.Persona.Age = 0
		s.MustNot[0].Pattern = "("
		var ps scenario.Problems
		require.True(t, errors.As(s.Validate(), &ps))
		require.Len(t, ps, 2)
		assert.Equal(t, scenario.Problem{File: validFile, Line: 8, Field: "persona.age", Msg: "missing", Fix: "give the persona's age, e.g. age: 76"}, ps[0])
		assert.Equal(t, 34, ps[1].Line)
		assert.Equal(t, "must_not[0].pattern", ps[1].Field)
	})

	t.Run("names a scenario built in memory by its id", func(t *testing.T) {
		s := &scenario.Scenario{ID: "made-up", Bot: "cambialeon"}
		err := s.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), "scenario made-up: persona.age: missing")
	})

	t.Run("says how to fix a missing file", func(t *testing.T) {
		_, err := scenario.Load("testdata/nope.yaml")
		require.Error(t, err)
		assert.ErrorIs(t, err, os.ErrNotExist)
		assert.Contains(t, err.Error(), "check the path")
	})
}

func TestMarshalRoundTripsThroughTheStrictLoader(t *testing.T) {
	s, err := scenario.Load(validFile)
	require.NoError(t, err)
	data, err := s.Marshal()
	require.NoError(t, err)
	back, err := scenario.Parse("abuela-rosa.yaml", data)
	require.NoError(t, err, "%s", data)
	back.Path, s.Path = "", ""
	assert.Equal(t, stripLines(s), stripLines(back))
}

// stripLines drops the unexported line map by copying the exported fields.
func stripLines(s *scenario.Scenario) scenario.Scenario {
	return scenario.Scenario{
		ID: s.ID, Bot: s.Bot, Category: s.Category, Title: s.Title, Persona: s.Persona,
		Language: s.Language, Opening: s.Opening, Turns: s.Turns, MaxTurns: s.MaxTurns,
		Expect: s.Expect, Must: s.Must, MustNot: s.MustNot, Seed: s.Seed,
	}
}

func TestLoadDir(t *testing.T) {
	t.Run("loads every yaml file and skips underscored ones", func(t *testing.T) {
		dir := t.TempDir()
		data, err := os.ReadFile(validFile)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "abuela-rosa.yaml"), data, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "_draft.yaml"), []byte("nonsense: ["), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a scenario"), 0o644))
		scs, err := scenario.LoadDir(dir)
		require.NoError(t, err)
		require.Len(t, scs, 1)
		assert.Equal(t, "abuela-rosa", scs[0].ID)
	})

	t.Run("reports every broken file, not just the first", func(t *testing.T) {
		_, err := scenario.LoadDir("testdata/broken")
		require.Error(t, err)
		for _, f := range []string{"unknown-field.yaml", "wrong-type.yaml", "empty.yaml", "two-documents.yaml"} {
			assert.Contains(t, err.Error(), f)
		}
	})

	t.Run("says how to get scenarios when the directory has none", func(t *testing.T) {
		_, err := scenario.LoadDir(t.TempDir())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "caas sim write")
	})
}

func TestDir(t *testing.T) {
	t.Run("resolves sim/scenarios/<bot> under the module root", func(t *testing.T) {
		dir, err := scenario.Dir("", "cambialeon")
		require.NoError(t, err)
		assert.True(t, strings.HasSuffix(dir, filepath.Join("sim", "scenarios", "cambialeon")), dir)
		_, err = os.Stat(filepath.Join(dir, "..", "..", "..", "go.mod"))
		assert.NoError(t, err, "the module root holds go.mod")
	})

	t.Run("puts the bot's directory under a root given (CAAS_SCENARIOS_DIR's value)", func(t *testing.T) {
		dir, err := scenario.Dir("/somewhere", "voyachat")
		require.NoError(t, err)
		assert.Equal(t, filepath.Join("/somewhere", "voyachat"), dir)
	})

	t.Run("refuses a bot name that is a path", func(t *testing.T) {
		_, err := scenario.Dir("", "../etc")
		assert.ErrorContains(t, err, "kebab-case")
	})
}
