package runner_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/caas-testing/caas-testing/sim/runner"
)

// BenchmarkRun plays 5 scenarios × 8 scripted turns against the embedded
// reference bot, all at once, each iteration into a fresh run directory.
// Budget: 3 s of wall time per run on a 2-core machine.
func BenchmarkRun(b *testing.B) {
	tg := bot(b)
	scs := scenarios(b, "eight")
	if len(scs) != 5 {
		b.Fatalf("testdata/eight holds %d scenarios, want 5", len(scs))
	}
	ctx := context.Background()
	root := b.TempDir()
	var wall, wait, busy time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(root, fmt.Sprint(i))
		sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "bench", Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Played != 5 {
			b.Fatalf("played %d of 5: %+v", sum.Played, sum.Scenarios)
		}
		wall += sum.Wall
		wait += sum.BotWait
		busy += sum.Busy
	}
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "wall-ms/run")
	b.ReportMetric(100*float64(wait)/float64(busy), "bot-wait-%")
}
