package matrix

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
)

// The smallest real matrix: L11_smoke against the embedded voyachat, clean
// and with slow-health on, which the catalog says L11 catches.
func TestTheRealSmokeLayerIsGreenOnTheCleanBotAndCatchesSlowHealth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real layer twice (about half a minute); not in -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := botclient.FindServer(ctx, botclient.ServerOptions{URL: os.Getenv("CAAS_DATABASE_URL")}); err != nil {
		t.Skip(err.Error())
	}
	rep, err := Check(context.Background(), Options{Root: "..", Bots: []string{"voyachat"}, Layers: "11", Defects: []string{"slow-health"}})
	require.NoError(t, err)
	require.Len(t, rep.Verdicts, 1)
	v := rep.Verdicts[0]
	assert.True(t, rep.CleanGreen(), "clean L11 failures: %+v", rep.Clean)
	assert.Equal(t, Caught, v.Status)
	assert.Equal(t, []string{"11"}, v.CaughtBy)
	assert.False(t, v.OnlyByCrash, "slow-health must fail a check, not crash the binary")
	assert.Equal(t, "caught 1/1 defects; clean run green", rep.Summary())
}
