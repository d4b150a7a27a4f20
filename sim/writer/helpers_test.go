package writer_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
	"github.com/caas-testing/caas-testing/sim/writer/botdata"
)

// botNames are the shipped manifests the writer is tested against.
var botNames = []string{"cambialeon", "voyachat"}

func loadBot(t *testing.T, name string) writer.Bot {
	t.Helper()
	m, err := bots.FromEnv(os.Getenv).Load(name)
	require.NoError(t, err)
	b, err := botdata.FromManifest(m)
	require.NoError(t, err)
	return b
}

func loadLibrary(t *testing.T) *library.Library {
	t.Helper()
	lib, err := library.Load()
	require.NoError(t, err)
	return lib
}

// generate parses brief for bot with seed and generates the batch.
func generate(t *testing.T, bot writer.Bot, lib *library.Library, brief string, seed int64) []*scenario.Scenario {
	t.Helper()
	b, err := writer.ParseBriefWith(lib, bot.Name, brief)
	require.NoError(t, err)
	b.Seed = seed
	scs, err := writer.Generate(b, bot, lib)
	require.NoError(t, err, "brief %q seed %d", brief, seed)
	return scs
}

// marshalAll is the batch as the bytes WriteFiles would write.
func marshalAll(t *testing.T, scs []*scenario.Scenario) string {
	t.Helper()
	var out []byte
	for _, s := range scs {
		b, err := s.Marshal()
		require.NoError(t, err)
		out = append(out, b...)
		out = append(out, "---\n"...)
	}
	return string(out)
}
