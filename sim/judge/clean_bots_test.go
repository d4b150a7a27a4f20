package judge_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/sim/writer"
	"github.com/caas-testing/caas-testing/sim/writer/botdata"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestMain(m *testing.M) { testutil.Main(m) }

// writerSeeds are the seeds whose batches must score 100; -short plays
// the first three.
const writerSeeds, shortSeeds = 20, 3

// playBudget bounds one bot's play: a few seconds on an idle machine.
const playBudget = 3 * time.Minute

// A lost point on a clean bot is a false red: the judge is wrong, or the
// bot has a bug that belongs in a report, not in the judge. Every clean
// embedded bot plays its shipped scenarios, the judge's own played
// scenarios (false reds found before, testdata/played/<bot>) and every
// scenario the offline writer produces for "8 scenarios" (each category
// once) with seeds 1 to 20, and each must score 100.
func TestTheShippedAndWrittenScenariosScore100OnTheCleanBots(t *testing.T) {
	if d := os.Getenv(botclient.DefectsEnv); d != "" {
		t.Skipf("the shared bots run with seeded defects (%s=%s): this test needs them clean", botclient.DefectsEnv, d)
	}
	var embedded []*bots.Manifest
	for _, m := range testutil.AllManifests(t) {
		if m.Target.Kind == bots.TargetEmbedded {
			embedded = append(embedded, m)
		}
	}
	if len(embedded) == 0 {
		t.Skip("no manifest in the bots directory has target.kind embedded: there is no clean reference bot to play")
	}
	seeds := writerSeeds
	if testing.Short() {
		seeds = shortSeeds
	}
	for _, m := range embedded {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			scs := append(load(t, testutil.ScenarioRoot(), m.Name), load(t, "testdata/played", m.Name)...)
			scs = append(scs, written(t, m, seeds)...)
			tg := testutil.OpenBot(t, m)
			ctx, cancel := context.WithTimeout(context.Background(), playBudget)
			defer cancel()
			dir := t.TempDir()
			_, err := runner.Run(ctx, tg.Target, scs, runner.Options{RunID: "clean-" + m.Name, Dir: dir, Concurrency: 32})
			require.NoError(t, err)
			for _, sc := range scs {
				tr := read(t, runner.TranscriptPath(dir, sc.ID))
				if r := judge.Score(tr, sc, m); r.Total < 100 {
					t.Errorf("%s (%s, %s) scored %d on the clean bot:%s", sc.ID, sc.Category, origin(sc), r.Total, findings(r))
				}
			}
		})
	}
}

// load reads a bot's scenarios under root ("" = sim/scenarios); a bot
// without a directory there has none.
func load(t *testing.T, root, bot string) []*scenario.Scenario {
	t.Helper()
	dir, err := scenario.Dir(root, bot)
	require.NoError(t, err)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	scs, err := scenario.LoadDir(dir)
	require.NoError(t, err)
	return scs
}

// written are the offline writer's batches of "8 scenarios" for seeds 1 to
// n, their ids made unique with the seed.
func written(t *testing.T, m *bots.Manifest, n int) []*scenario.Scenario {
	t.Helper()
	wb, err := botdata.FromManifest(m)
	require.NoError(t, err)
	var out []*scenario.Scenario
	for seed := int64(1); seed <= int64(n); seed++ {
		b, err := writer.ParseBrief(m.Name, "8 scenarios")
		require.NoError(t, err)
		b.Seed = seed
		scs, err := writer.Offline{Bot: wb}.Write(context.Background(), b)
		require.NoError(t, err, "seed %d", seed)
		for _, sc := range scs {
			sc.ID = fmt.Sprintf("%s-seed%d", sc.ID, seed)
		}
		out = append(out, scs...)
	}
	return out
}

func read(t *testing.T, path string) *transcript.Transcript {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	tr, err := transcript.Decode(bytes.NewReader(raw))
	require.NoError(t, err, "%s", path)
	return tr
}

// origin says where a scenario comes from, for the failure message.
func origin(sc *scenario.Scenario) string {
	if sc.Path != "" {
		return modroot.Display(sc.Path)
	}
	return fmt.Sprintf(`caas sim write -bot %s -seed %d "8 scenarios"`, sc.Bot, sc.Seed)
}

func findings(r judge.Result) string {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n  %s −%d at turn %d [%s]: %s; evidence: %q", f.Dimension, f.Points, f.Turn, f.Rule, f.Message, f.Evidence)
	}
	return b.String()
}
