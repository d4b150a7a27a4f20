package pipeline_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// shared is an embedded bot shared by the package's tests, so that only
// the first end-to-end run pays for starting one of its own.
func shared(t *testing.T, bot string) *botclient.Target {
	t.Helper()
	m, err := bots.Load(bot)
	require.NoError(t, err)
	return testutil.OpenBot(t, m).Target
}
