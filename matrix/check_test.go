package matrix

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/golden"
)

// fakeRepo is testdata/fakerepo: layers whose tests fail, panic, hang,
// exit in TestMain or report too many clients when a given defect is on.
func fakeRepo(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("testdata", "fakerepo"))
	require.NoError(t, err)
	return root
}

func checkFake(t *testing.T, opt Options) *Report {
	t.Helper()
	opt.Root, opt.Bots = fakeRepo(t), []string{"fake"}
	if opt.Timeout == 0 {
		opt.Timeout = 3 * time.Second
	}
	rep, err := Check(context.Background(), opt)
	require.NoError(t, err)
	return rep
}

func TestTheMatrixTellsCatchesCrashesTimeoutsEscapesAndRefusedRunsApart(t *testing.T) {
	rep := checkFake(t, Options{Defects: []string{
		"skip-signature", "stripe-replay", "stripe-duplicate", "duplicate-reply", "crash-on-media",
		"lost-on-restart", "session-crosstalk", "loop-reply", "sql-concat",
	}})
	got := map[string]Status{}
	for _, v := range rep.Verdicts {
		got[v.Defect] = v.Status
	}
	assert.Equal(t, map[string]Status{
		"skip-signature":    Caught,    // a subtest's check
		"stripe-replay":     Caught,    // a panic, flagged
		"stripe-duplicate":  Caught,    // a timeout, flagged
		"duplicate-reply":   Caught,    // by L04, while catalog layer L03 missed it
		"crash-on-media":    Escaped,   // nothing fails, not even on the escalation's other layers
		"lost-on-restart":   Caught,    // L03
		"session-crosstalk": Caught,    // TestMain exits: a crash; L08 does not exist here
		"loop-reply":        Caught,    // only L13 catches it, and L13 runs by default
		"sql-concat":        Undecided, // refused connections, again when retried alone
	}, got)
	assert.True(t, rep.CleanGreen())
	assert.False(t, rep.OK())
	assert.Equal(t, 1, rep.Retried)
	assert.Equal(t, []string{"L05_empty"}, rep.Empty)

	var out bytes.Buffer
	rep.Connections = ConnStats{} // the server is shared: its numbers are not the table's to pin
	rep.WriteTable(&out, false)
	out.WriteString("\n---- -v ----\n\n")
	rep.WriteTable(&out, true)
	golden.Check(t, filepath.Join("testdata", "fakerepo_table.golden"), out.Bytes())
}

func TestAskingForTheSimLayerChecksWhatOnlyItCatches(t *testing.T) {
	rep := checkFake(t, Options{Layers: "04,13", Defects: []string{"loop-reply"}})
	require.Len(t, rep.Verdicts, 1)
	assert.Equal(t, Caught, rep.Verdicts[0].Status)
	assert.True(t, rep.OK())
	assert.Equal(t, "caught 1/1 defects; clean run green", rep.Summary())
}

func TestARedCleanRunFailsTheGateWithItsFirstFailureLine(t *testing.T) {
	t.Setenv("FAKE_CLEAN_RED", "1")
	rep := checkFake(t, Options{Layers: "03", Defects: []string{"lost-on-restart"}})
	assert.False(t, rep.OK())
	assert.Equal(t, []CleanFailure{{Bot: "fake", Layer: "03", Test: "TestStoreFailsOnTheCleanBotWhenAsked", Line: "store_test.go:16: the clean bot is broken on purpose"}}, rep.Clean)
	assert.Equal(t, "caught 1/1 defects; clean run RED (1 failure)", rep.Summary())
}

func TestALayerThatDoesNotCompileStopsTheMatrixWithTheCompilersMessage(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.CopyFS(root, os.DirFS(fakeRepo(t))))
	broken := filepath.Join(root, "layers", "L04_hooks", "broken_test.go")
	require.NoError(t, os.WriteFile(broken, []byte("package hooks\n\nfunc broken() { undefinedThing() }\n"), 0o644))
	_, err := Check(context.Background(), Options{Root: root, Bots: []string{"fake"}, Defects: []string{"skip-signature"}})
	var be *BuildError
	require.True(t, errors.As(err, &be), "got %v", err)
	assert.Contains(t, be.Output, "broken_test.go:3:17: undefined: undefinedThing")
}

func TestUnknownDefectsLayersAndScopesAreTheCallersMistake(t *testing.T) {
	for name, opt := range map[string]Options{
		"defect": {Defects: []string{"no-such-defect"}},
		"layer":  {Layers: "99"},
		"scope":  {Scope: "some"},
	} {
		t.Run(name, func(t *testing.T) {
			opt.Root, opt.Bots = fakeRepo(t), []string{"fake"}
			_, err := Check(context.Background(), opt)
			assert.ErrorIs(t, err, ErrUsage)
		})
	}
}

func TestALayerThatTestsEveryBotRunsOncePerDefectAndEachBotReadsItsOwnSubtests(t *testing.T) {
	var progress bytes.Buffer
	rep, err := Check(context.Background(), Options{
		Root: fakeRepo(t), Bots: []string{"fake", "other"}, Layers: "12",
		Defects: []string{"no-optout", "no-handoff"}, Timeout: 3 * time.Second, Progress: &progress,
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"12"}, rep.Shared)
	assert.Contains(t, progress.String(), "L12 tests every bot in one binary: one run per defect, with CAAS_BOT=fake")
	own := 0
	for _, r := range rep.Runs {
		if r.SharedWith == r.Bot {
			own++
		}
	}
	assert.Equal(t, 3, own, "one binary run each: clean, no-optout, no-handoff")
	assert.Len(t, rep.Runs, 6, "each read by both bots")

	require.Len(t, rep.Verdicts, 2)
	optout := rep.Verdicts[0]
	assert.Equal(t, Caught, optout.Status)
	assert.False(t, optout.Bots[0].Caught(), "fake's subtest passed")
	assert.Equal(t, []Catch{{Layer: "12", Test: "TestStopOptsOut", Failure: "other: every_test.go:16: other kept writing after STOP"}}, optout.Bots[1].Catches)

	handoff := rep.Verdicts[1]
	for _, b := range handoff.Bots {
		require.Len(t, b.Catches, 1, b.Bot)
		assert.Equal(t, b.Bot+": in_es: every_test.go:27: no handoff offered", b.Catches[0].Failure)
	}
}

func TestARunOfEveryBotIsSharedOnlyWhenEachTestRanASubtestPerBot(t *testing.T) {
	bots := []string{"voya", "cambia"}
	shared := &Run{Outcome: Green, Tests: []*TestResult{
		{Name: "TestA", Status: Passed, Parts: []string{"cambia", "voya"}},
		{Name: "TestB", Status: Skipped},
	}}
	assert.True(t, testsEveryBot(shared, bots))
	partly := &Run{Outcome: Green, Tests: []*TestResult{
		{Name: "TestA", Status: Passed, Parts: []string{"cambia", "voya"}},
		{Name: "TestC", Status: Passed, Parts: []string{"in_es"}},
	}}
	assert.False(t, testsEveryBot(partly, bots), "TestC honours CAAS_BOT")
	assert.False(t, testsEveryBot(&Run{Outcome: Crashed, Tests: shared.Tests}, bots), "a crashed run may not show every subtest")
	assert.False(t, testsEveryBot(shared, []string{"voya"}), "one bot: nothing to share")
	skipped := &Run{Outcome: Green, Tests: []*TestResult{{Name: "TestB", Status: Skipped}}}
	assert.False(t, testsEveryBot(skipped, bots), "a run where every test skipped shows nothing either way")
}

func TestAFailureOutsideAnyBotsSubtestCountsForEveryBot(t *testing.T) {
	r := &Run{Bot: "voya", Outcome: Red, Tests: []*TestResult{
		{Name: "TestSetup", Status: Failed, Failure: "helpers_test.go:9: no manifests"},
		{Name: "TestA", Status: Failed, FailedParts: map[string]string{"voya": "a_test.go:3: leaked"}},
	}}
	cambia := forBot(r, "cambia")
	assert.Equal(t, "voya", cambia.SharedWith)
	assert.Equal(t, Red, cambia.Outcome)
	assert.Equal(t, Failed, cambia.Tests[0].Status)
	assert.Equal(t, Passed, cambia.Tests[1].Status)
	assert.Equal(t, "voya: a_test.go:3: leaked", forBot(r, "voya").Tests[1].Failure)
	assert.Equal(t, Failed, r.Tests[1].Status, "the shared run itself is left alone")
}

func TestADefectWhoseOnlyCatalogLayerHasNoTestsYetEscapesRatherThanGoingUnchecked(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.CopyFS(root, os.DirFS(fakeRepo(t))))
	require.NoError(t, os.Rename(filepath.Join(root, "layers", "L05_empty"), filepath.Join(root, "layers", "L11_empty")))
	rep, err := Check(context.Background(), Options{Root: root, Bots: []string{"fake"}, Layers: "03,11", Defects: []string{"slow-health"}, Timeout: 3 * time.Second})
	require.NoError(t, err)
	require.Len(t, rep.Verdicts, 1)
	v := rep.Verdicts[0]
	assert.Equal(t, Escaped, v.Status)
	assert.Equal(t, []string{"11"}, v.Absent)
	assert.Equal(t, []string{"03"}, v.Bots[0].Layers, "the escalation ran it on the layers that have tests")
}
