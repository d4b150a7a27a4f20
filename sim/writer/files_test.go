package writer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
)

func TestWriteFiles(t *testing.T) {
	lib := loadLibrary(t)
	bot := loadBot(t, "cambialeon")
	scs := generate(t, bot, lib, "5 scenarios", 3)

	t.Run("writes one file per scenario that the loader reads back equal", func(t *testing.T) {
		dir := t.TempDir()
		paths, err := writer.WriteFiles(dir, scs)
		require.NoError(t, err)
		require.Len(t, paths, 5)
		back, err := scenario.LoadDir(dir)
		require.NoError(t, err)
		require.Len(t, back, 5)
		byID := map[string]*scenario.Scenario{}
		for _, s := range back {
			byID[s.ID] = s
		}
		for i, s := range scs {
			assert.Equal(t, filepath.Join(dir, s.ID+".yaml"), paths[i])
			got := byID[s.ID]
			require.NotNil(t, got, s.ID)
			assert.Equal(t, s.Turns, got.Turns)
			assert.Equal(t, s.Persona, got.Persona)
			assert.Equal(t, s.Expect, got.Expect)
			assert.NoError(t, got.Validate())
		}
		data, err := os.ReadFile(paths[0])
		require.NoError(t, err)
		assert.Contains(t, string(data), "# Written by the offline scenario writer (seed 3)")
	})

	t.Run("never overwrites and writes nothing when one file exists", func(t *testing.T) {
		dir := t.TempDir()
		existing := filepath.Join(dir, scs[2].ID+".yaml")
		require.NoError(t, os.WriteFile(existing, []byte("mine"), 0o644))
		_, err := writer.WriteFiles(dir, scs)
		require.ErrorContains(t, err, existing+" exists; pick another seed, delete it, or overwrite on purpose")
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "nothing else was written")
		data, _ := os.ReadFile(existing)
		assert.Equal(t, "mine", string(data))
	})

	t.Run("overwrites when asked", func(t *testing.T) {
		dir := t.TempDir()
		existing := filepath.Join(dir, scs[0].ID+".yaml")
		require.NoError(t, os.WriteFile(existing, []byte("mine"), 0o644))
		_, err := writer.OverwriteFiles(dir, scs)
		require.NoError(t, err)
		s, err := scenario.Load(existing)
		require.NoError(t, err)
		assert.Equal(t, scs[0].ID, s.ID)
	})

	t.Run("refuses duplicate ids and invalid scenarios", func(t *testing.T) {
		dir := t.TempDir()
		broken := *scs[1]
		broken.Persona.Age = 0
		_, err := writer.WriteFiles(dir, []*scenario.Scenario{scs[0], scs[0], &broken})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "appears twice in the batch")
		assert.Contains(t, err.Error(), "persona.age: missing")
		entries, _ := os.ReadDir(dir)
		assert.Empty(t, entries)
	})
}
