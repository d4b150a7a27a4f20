package l13sim_test

import (
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/golden"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/testutil"
)

// The regression net of the sim: each scenario's score is held to the
// golden file recorded on the clean bot, and a drop names the finding that
// caused it, with its quote.
func TestScoresMatchTheGoldenFileWithinTolerance(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	p := played(t)
	path := goldenPath(m.Name)
	rewrite := "go test ./layers/L13_sim/... -bot=" + m.Name + " -update"
	if golden.Updating() {
		if d := os.Getenv(botclient.DefectsEnv); d != "" {
			t.Fatalf("refusing to write %s from a bot with seeded defects (%s=%s): the golden file is the clean bot's scores", path, botclient.DefectsEnv, d)
		}
		for _, sc := range p.Scenarios {
			require.NoError(t, p.Runs[sc.ID].Err, "refusing to write %s: scenario %s was not played through", path, sc.ID)
		}
		golden.Write(t, path, formatGolden(m.Name, p.ordered()))
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file for %s; write it from the clean bot: %s", m.Name, rewrite)
	want, err := parseGolden(path, data)
	require.NoError(t, err)

	for _, sc := range p.Scenarios {
		t.Run(sc.ID, func(t *testing.T) {
			got := p.Results[sc.ID]
			w, ok := want[sc.ID]
			if !ok {
				t.Errorf("%s has no line in %s (a new scenario?); add it with %s\ngolden diff:\n+ %s", sc.ID, path, rewrite, goldenLineOf(got).line())
				return
			}
			if msg := checkGolden(w, got); msg != "" {
				t.Errorf("%s\n(%s; if the change is on purpose: %s)", msg, path, rewrite)
			}
		})
	}
	var gone []string
	for id := range want {
		if _, ok := p.Results[id]; !ok {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	for _, id := range gone {
		t.Errorf("%s has a line for %s, which no scenario of %s has (removed or renamed?); rewrite it with %s\ngolden diff:\n- %s",
			path, id, m.Name, rewrite, want[id].line())
	}
}

// Golden files are reviewed as diffs: hand edits that unsort them or add
// anything but points (a time, a phone, a quote) would make every diff noisy.
func TestTheGoldenFileIsSortedAndHoldsOnlyPoints(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	path := goldenPath(m.Name)
	data, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file for %s; write it from the clean bot: go test ./layers/L13_sim/... -bot=%s -update", m.Name, m.Name)
	lines, err := parseGolden(path, data)
	require.NoError(t, err)
	var results []judge.Result
	for _, g := range lines {
		require.Equal(t, g.Dimensions.Sum(), g.Total, "%s: the total of %s is not the sum of its dimensions", path, g.ID)
		for _, d := range judge.AllDimensions {
			require.True(t, g.Dimensions.Get(d) >= 0 && g.Dimensions.Get(d) <= judge.Weights.Get(d),
				"%s: %s's %s is %d, outside 0..%d", path, g.ID, d, g.Dimensions.Get(d), judge.Weights.Get(d))
		}
		results = append(results, judge.Result{ScenarioID: g.ID, Total: g.Total, Dimensions: g.Dimensions})
	}
	if d := golden.Diff(path, data, "the form -update writes", formatGolden(m.Name, results)); d != "" {
		t.Errorf("%s is not in the form -update writes (sorted by scenario, points only); rewrite it with go test ./layers/L13_sim/... -bot=%s -update:\n%s", path, m.Name, d)
	}
}
