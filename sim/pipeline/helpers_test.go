package pipeline_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// manifest is the bot's manifest, loaded once for the package's tests.
func manifest(t *testing.T, bot string) *bots.Manifest {
	t.Helper()
	m, err := testutil.LoadManifest(bot)
	require.NoError(t, err)
	return m
}

// shared is an embedded bot shared by the package's tests, so that only
// the first end-to-end run pays for starting one of its own.
func shared(t *testing.T, bot string) *botclient.Target {
	t.Helper()
	return testutil.OpenBot(t, manifest(t, bot)).Target
}
