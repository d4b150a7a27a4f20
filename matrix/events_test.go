package matrix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The testdata/*.jsonl files are real test2json output: the fake layers of
// testdata/fakerepo with a defect on, and one run of L11_smoke against the
// reference bot with slow-health on.
func readTranscript(t *testing.T, name string) *transcript {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	tr, err := parseTranscript(f)
	require.NoError(t, err)
	return tr
}

func statuses(tr *transcript) map[string]TestStatus {
	out := map[string]TestStatus{}
	for _, r := range tr.Tests {
		out[r.Name] = r.Status
	}
	return out
}

func TestACleanRunParsesIntoPassedAndSkippedTopLevelTests(t *testing.T) {
	tr := readTranscript(t, "L04_clean.jsonl")
	assert.Equal(t, map[string]TestStatus{
		"TestUnsignedDeliveriesAreRejected": Passed,
		"TestARedeliveryGetsNoSecondReply":  Passed,
		"TestStripeReplaysAreRefused":       Passed,
		"TestStripeEventsAreRecordedOnce":   Passed,
		"TestTheBotSkipsWhatItCannotCheck":  Skipped,
		"TestLookupsSurviveQuotes":          Passed,
	}, statuses(tr), "subtests must not appear as top-level tests")
	assert.Empty(t, tr.Panic)
	assert.Empty(t, tr.TimedOut)
	assert.Empty(t, tr.TooManyClients)
}

func TestAFailingSubtestNamesItselfAndItsMessageNotTheLogBeforeIt(t *testing.T) {
	tr := readTranscript(t, "L04_skip-signature.jsonl")
	require.Equal(t, Failed, statuses(tr)["TestUnsignedDeliveriesAreRejected"])
	// the subtest logged a line before its error; the first line wins, but it is the subtest's
	assert.Equal(t, "no_signature: hooks_test.go:14: posting without X-Hub-Signature-256", tr.byName["TestUnsignedDeliveriesAreRejected"].Failure)
	assert.Equal(t, Passed, statuses(tr)["TestARedeliveryGetsNoSecondReply"])
}

func TestATestifyFailureIsToldByItsErrorAndMessagesNotByItsBareLocation(t *testing.T) {
	tr := readTranscript(t, "L11_slow-health.jsonl")
	r := tr.byName["TestHealthAnswers200WithinTheBudgetAndReportsAVersion"]
	require.NotNil(t, r)
	assert.Equal(t, Failed, r.Status)
	assert.True(t, strings.HasPrefix(r.Failure, `health_test.go:30: "2.001332247s" is not less than or equal to "300ms" — GET /health took`), "got %q", r.Failure)
	assert.Greater(t, r.Elapsed.Seconds(), 6.0, "the elapsed time comes from the fail event")
}

func TestAPanicLeavesTheTestUnfinishedAndIsRemembered(t *testing.T) {
	tr := readTranscript(t, "L04_stripe-replay.jsonl")
	assert.Equal(t, Unfinished, statuses(tr)["TestStripeReplaysAreRefused"], "the testing package prints its FAIL line unframed after a panic")
	assert.Equal(t, "panic: nil session for an old event [recovered, repanicked]", tr.Panic)
	assert.Equal(t, []string{"TestUnsignedDeliveriesAreRejected", "TestARedeliveryGetsNoSecondReply", "TestStripeReplaysAreRefused"}, tr.running(),
		"parallel tests paused when the binary died never end either")
}

func TestATimeoutIsToldApartFromAPanic(t *testing.T) {
	tr := readTranscript(t, "L04_stripe-duplicate.jsonl")
	assert.Equal(t, "panic: test timed out after 2s", tr.TimedOut)
	assert.Empty(t, tr.Panic)
	assert.Contains(t, tr.running(), "TestStripeEventsAreRecordedOnce")
}

func TestARefusedDatabaseConnectionIsNoticed(t *testing.T) {
	tr := readTranscript(t, "L04_sql-concat.jsonl")
	assert.Contains(t, tr.TooManyClients, "sorry, too many clients already (SQLSTATE 53300)")
}

func TestATestMainThatExitsLeavesItsLastLineToExplainIt(t *testing.T) {
	tr := readTranscript(t, "L03_testmain_exit.jsonl")
	assert.Empty(t, tr.Tests)
	assert.Equal(t, "starting bot fake: the database does not answer", tr.lastLine())
}

func TestNonJSONLinesAreKeptAsOutput(t *testing.T) {
	tr, err := parseTranscript(strings.NewReader("test2json: exec: no such file\n"))
	require.NoError(t, err)
	assert.Equal(t, "test2json: exec: no such file", tr.lastLine())
}

func TestFailureLineReadsPlainAndTestifyMessages(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"plain", []string{"x_test.go:4: got 1, want 2", "more"}, "x_test.go:4: got 1, want 2"},
		{"testify", []string{"x_test.go:9:", "Error Trace:\t/x_test.go:9", "Error:      \tShould be true", "Test:  \tTestX", "Messages:   \tthe bot answered 500"}, "x_test.go:9: Should be true — the bot answered 500"},
		{"bare location then text", []string{"x_test.go:9:", "a multi-line message"}, "x_test.go:9: a multi-line message"},
		{"nothing", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, failureLine(c.lines))
		})
	}
}
