package matrix

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runOf builds a run from "TestName=status" pairs.
func runOf(bot, layer, def string, outcome Outcome, tests ...string) *Run {
	r := &Run{Bot: bot, Layer: layer, Defect: def, Outcome: outcome}
	for _, t := range tests {
		name, status, _ := strings.Cut(t, "=")
		r.Tests = append(r.Tests, &TestResult{Name: name, Status: TestStatus(status), Failure: name + " failed"})
	}
	return r
}

var (
	l03 = Layer{Dir: "layers/L03_e2e", Number: "03", Name: "e2e"}
	l04 = Layer{Dir: "layers/L04_webhook", Number: "04", Name: "webhook"}
	l08 = Layer{Dir: "layers/L08_security", Number: "08", Name: "security"}
	l13 = Layer{Dir: "layers/L13_sim", Number: "13", Name: "sim"}
)

func TestADefectIsCaughtByATestThatPassesCleanAndFailsWithIt(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Green, "TestSig=pass", "TestMedia=pass"),
		runOf("voya", "04", "skip-signature", Red, "TestSig=fail", "TestMedia=pass"),
	})
	v := judge("skip-signature", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Caught, v.Status)
	assert.Equal(t, []Catch{{Layer: "04", Test: "TestSig", Failure: "TestSig failed"}}, v.Bots[0].Catches)
	assert.Equal(t, []string{"04"}, v.CaughtBy)
	assert.False(t, v.Marked())
}

func TestATestAlreadyRedOnTheCleanBotCatchesNothing(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Red, "TestSig=fail"),
		runOf("voya", "04", "skip-signature", Red, "TestSig=fail"),
	})
	v := judge("skip-signature", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Escaped, v.Status)
	assert.Equal(t, []string{"04"}, v.Missed)
}

func TestADefectRedOnOneBotOfTwoIsCaught(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("cambia", "08", "", Green, "TestLeak=pass"),
		runOf("cambia", "08", "provider-leak", Red, "TestLeak=fail"),
		runOf("voya", "08", "", Green, "TestLeak=pass"),
		runOf("voya", "08", "provider-leak", Green, "TestLeak=pass"),
	})
	v := judge("provider-leak", "bug", []string{"cambia", "voya"}, []Layer{l08}, []Layer{l08}, idx)
	assert.Equal(t, Caught, v.Status)
	require.Len(t, v.Bots, 2)
	assert.True(t, v.Bots[0].Caught())
	assert.False(t, v.Bots[1].Caught())
	assert.Equal(t, []string{"10", "13"}, append(v.Absent, v.Unselected...), "L10 is not in this repository, L13 is not selected")
}

func TestACrashCountsAsRedButIsFlaggedAndOnlyWhenTheCleanRunDidNotCrash(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Green, "TestMedia=pass"),
		runOf("voya", "04", "crash-on-media", Crashed, "TestMedia=unfinished"),
	})
	v := judge("crash-on-media", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Caught, v.Status)
	assert.True(t, v.OnlyByCrash)
	assert.Empty(t, v.Bots[0].Catches, "an unfinished test is not a catch")

	idx = indexRuns([]*Run{
		runOf("voya", "04", "", TimedOut, "TestMedia=unfinished"),
		runOf("voya", "04", "crash-on-media", TimedOut, "TestMedia=unfinished"),
	})
	v = judge("crash-on-media", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Escaped, v.Status, "a layer that times out on the clean bot proves nothing by timing out again")
}

func TestARefusedRunLeavesAnUncaughtDefectUndecidedNotEscaped(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Green, "TestSig=pass"),
		runOf("voya", "04", "skip-signature", NoConnections, "TestSig=fail"),
	})
	v := judge("skip-signature", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Undecided, v.Status)
	assert.Empty(t, v.Bots[0].Catches, "a failure while PostgreSQL refused connections is no catch")
}

func TestADefectWhoseCatalogLayersAllWentUnselectedIsNotCheckedUnlessCaught(t *testing.T) {
	all := []Layer{l04, l13}
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Green, "TestX=pass"),
		runOf("voya", "04", "loop-reply", Green, "TestX=pass"),
	})
	v := judge("loop-reply", "bug", []string{"voya"}, all, []Layer{l04}, idx)
	assert.Equal(t, NotChecked, v.Status)
	assert.Equal(t, []string{"13"}, v.Unselected)

	idx[runKey{"voya", "04", "loop-reply"}] = runOf("voya", "04", "loop-reply", Red, "TestX=fail")
	v = judge("loop-reply", "bug", []string{"voya"}, all, []Layer{l04}, idx)
	assert.Equal(t, Caught, v.Status, "a catch outside the catalog still counts")
	assert.False(t, v.Marked(), "the catalog layer was not run, so it did not miss")
}

func TestADefectWhoseCatalogLayerDoesNotExistEscapesAndIsMarkedWhenCaughtElsewhere(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "04", "", Green, "TestX=pass"),
		runOf("voya", "04", "no-optout", Green, "TestX=pass"),
	})
	v := judge("no-optout", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Escaped, v.Status)
	assert.Equal(t, []string{"12"}, v.Absent)

	idx[runKey{"voya", "04", "no-optout"}] = runOf("voya", "04", "no-optout", Red, "TestX=fail")
	v = judge("no-optout", "bug", []string{"voya"}, []Layer{l04}, []Layer{l04}, idx)
	assert.Equal(t, Caught, v.Status)
	assert.True(t, v.Marked())
}

func TestACatalogLayerThatRanAndStayedGreenIsMarkedAsMissed(t *testing.T) {
	idx := indexRuns([]*Run{
		runOf("voya", "03", "", Green, "TestA=pass"),
		runOf("voya", "04", "", Green, "TestB=pass"),
		runOf("voya", "03", "duplicate-reply", Green, "TestA=pass"),
		runOf("voya", "04", "duplicate-reply", Red, "TestB=fail"),
	})
	v := judge("duplicate-reply", "bug", []string{"voya"}, []Layer{l03, l04}, []Layer{l03, l04}, idx)
	assert.Equal(t, Caught, v.Status)
	assert.Equal(t, []string{"03"}, v.Missed)
	assert.True(t, v.Marked())
}

func TestCleanFailuresListFailedTestsAndDeadBinaries(t *testing.T) {
	crashed := runOf("voya", "04", "", Crashed)
	crashed.Detail = "panic: boom"
	idx := indexRuns([]*Run{
		runOf("voya", "03", "", Red, "TestA=fail", "TestB=pass"),
		crashed,
	})
	fails, missing := cleanFailures([]string{"voya", "cambia"}, []Layer{l03, l04}, idx)
	assert.Equal(t, []CleanFailure{
		{Bot: "voya", Layer: "03", Test: "TestA", Line: "TestA failed"},
		{Bot: "voya", Layer: "04", Line: "crashed: panic: boom"},
	}, fails)
	assert.Equal(t, 2, missing, "cambialeon's clean runs never happened")
}

func TestTheGateFailsOnARedCleanRunAnEscapeOrARefusedRunButNotOnANotCheckedDefect(t *testing.T) {
	green := &Report{Verdicts: []Verdict{{Defect: "a", Status: Caught}, {Defect: "b", Status: NotChecked}}}
	assert.True(t, green.OK())
	assert.Equal(t, "caught 1/2 defects (not checked: b); clean run green", green.Summary())

	escaped := &Report{Verdicts: []Verdict{{Defect: "a", Status: Caught}, {Defect: "b", Status: Escaped}}}
	assert.False(t, escaped.OK())

	red := &Report{Verdicts: []Verdict{{Defect: "a", Status: Caught}}, Clean: []CleanFailure{{Bot: "v", Layer: "04", Test: "TestX"}}}
	assert.False(t, red.OK())
	assert.Equal(t, "caught 1/1 defects; clean run RED (1 failure)", red.Summary())

	refused := &Report{Verdicts: []Verdict{{Defect: "a", Status: Caught}}, Runs: []*Run{{Outcome: NoConnections}}}
	assert.False(t, refused.OK())
}
