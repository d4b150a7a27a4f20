package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// writeRun writes a run with its previous run under a fresh root and
// returns the run's directory.
func writeRun(t *testing.T, run Run) string {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, Write(root, run))
	return Dir(root, run.Bot, run.RunID)
}

func withPrevious() Run {
	run := currentRun()
	prev := previousRun()
	run.Previous = &prev
	return run
}

func TestWriteCreatesScoresMarkdownAndHTMLInTheRunDirectory(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, Write(root, withPrevious()))
	dir := filepath.Join(root, "cambialeon", "20260326-0915")
	for _, name := range []string{"scores.json", "report.md", "report.html"} {
		info, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.Positive(t, info.Size(), name)
	}
	leftovers, err := filepath.Glob(filepath.Join(dir, ".*"))
	require.NoError(t, err)
	assert.Empty(t, leftovers, "temporary files must be renamed away")
}

func TestAnEmptyRunStillWritesAReport(t *testing.T) {
	run := Run{Bot: "voyachat", RunID: "empty"}
	dir := writeRun(t, run)
	got, err := ReadScores(filepath.Join(dir, "scores.json"))
	require.NoError(t, err)
	assert.Empty(t, got.Results)
	assert.FileExists(t, filepath.Join(dir, "report.html"))
}

func TestScoresJSONRoundTrips(t *testing.T) {
	run := withPrevious()
	dir := writeRun(t, run)
	got, err := ReadScores(filepath.Join(dir, "scores.json"))
	require.NoError(t, err)
	want := run.prepared()
	assert.Equal(t, want.Bot, got.Bot)
	assert.Equal(t, want.RunID, got.RunID)
	assert.True(t, want.StartedAt.Equal(got.StartedAt), "started_at: got %v, want %v", got.StartedAt, want.StartedAt)
	assert.Equal(t, want.Duration, got.Duration)
	assert.Equal(t, want.Results, got.Results)
	assert.Equal(t, want.Comparison, got.Comparison)
	assert.Equal(t, "20260325-1000", got.PreviousRunID)
	assert.Equal(t, want.Transcripts, got.Transcripts)
}

func TestScoresJSONHasTheDocumentedShape(t *testing.T) {
	dir := writeRun(t, withPrevious())
	data, err := os.ReadFile(filepath.Join(dir, "scores.json"))
	require.NoError(t, err)
	var doc struct {
		Bot       string `json:"bot"`
		RunID     string `json:"run_id"`
		Scenarios []map[string]json.RawMessage
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, "cambialeon", doc.Bot)
	assert.Equal(t, "20260326-0915", doc.RunID)
	require.Len(t, doc.Scenarios, 6)
	var ids []string
	for _, s := range doc.Scenarios {
		for _, key := range []string{"id", "category", "persona", "total", "dimensions", "findings"} {
			assert.Contains(t, s, key)
		}
		var d map[string]int
		require.NoError(t, json.Unmarshal(s["dimensions"], &d))
		assert.Len(t, d, 5)
		for _, key := range []string{"completion", "safety", "phase_correctness", "identity", "recovery"} {
			assert.Contains(t, d, key)
		}
		var id string
		require.NoError(t, json.Unmarshal(s["id"], &id))
		ids = append(ids, id)
	}
	assert.IsIncreasing(t, ids, "scenarios are sorted by id")
	var f []map[string]any
	require.NoError(t, json.Unmarshal(doc.Scenarios[len(doc.Scenarios)-1]["findings"], &f))
	require.NotEmpty(t, f)
	for _, key := range []string{"dimension", "points", "severity", "turn", "evidence", "rule", "message"} {
		assert.Contains(t, f[0], key)
	}
}

func TestScoresJSONIsTheSameWhateverOrderTheResultsCameIn(t *testing.T) {
	a, b := withPrevious(), withPrevious()
	for i, j := 0, len(b.Results)-1; i < j; i, j = i+1, j-1 {
		b.Results[i], b.Results[j] = b.Results[j], b.Results[i]
	}
	da, err := os.ReadFile(filepath.Join(writeRun(t, a), "scores.json"))
	require.NoError(t, err)
	db, err := os.ReadFile(filepath.Join(writeRun(t, b), "scores.json"))
	require.NoError(t, err)
	assert.Equal(t, string(da), string(db))
}

func TestRedactIsAppliedToEveryQuoteInEveryFile(t *testing.T) {
	run := withPrevious()
	secret := "whsec_9f8e7d6c5b4a"
	run.Results[0].Findings[0].Evidence = "the bot said: my signing secret is " + secret
	run.Results[0].Findings[0].Message = "leaked " + secret
	run.Redact = func(s string) string { return strings.ReplaceAll(s, secret, "[REDACTED]") }
	dir := writeRun(t, run)
	for _, name := range []string{"scores.json", "report.md", "report.html"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.NotContains(t, string(data), secret, name)
		assert.Contains(t, string(data), "[REDACTED]", name)
	}
}

func TestReportHTMLIsSelfContainedAndEscaped(t *testing.T) {
	dir := writeRun(t, withPrevious())
	data, err := os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	page := string(data)
	assertSelfContained(t, page)
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;", "evidence is shown escaped")
	assert.GreaterOrEqual(t, strings.Count(page, "<svg"), 3, "scenario, dimension and delta charts")
	for _, want := range []string{"spy-laura-providers", "Spy Laura, 34", "Iberdrola", "▼ −20", "wrong-product-pepe", "abuela-rosario-loop"} {
		assert.Contains(t, page, want)
	}
}

// assertSelfContained checks that page needs nothing but itself: no
// external assets or links, no scripts, no stylesheet links or CSS
// resources, and every element it opens closed.
func assertSelfContained(t *testing.T, page string) {
	t.Helper()
	external := regexp.MustCompile(`(?i)\b(src|href)\s*=\s*["']?\s*(https?:)?//`)
	assert.Empty(t, external.FindAllString(page, -1), "no external assets or links")
	assert.NotRegexp(t, `(?i)<script`, page, "no scripts at all, inline or not")
	assert.NotRegexp(t, `(?i)<link\b`, page, "styles are inline")
	assert.NotContains(t, page, "@import")
	assert.NotRegexp(t, `(?i)url\(`, page, "no CSS resources")
	for _, tag := range []string{"html", "body", "main", "section", "svg", "table", "g", "blockquote", "details", "div"} {
		open := regexp.MustCompile(`<`+tag+`[\s>]`).FindAllStringIndex(page, -1)
		closed := strings.Count(page, "</"+tag+">")
		assert.Equal(t, len(open), closed, "<%s> opened %d times, closed %d times", tag, len(open), closed)
	}
}

func TestReportMarkdownHasTheTableTheFindingsAndTheDeltas(t *testing.T) {
	run := withPrevious()
	dir := writeRun(t, run)
	data, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	md := string(data)
	assert.Contains(t, md, SummaryTable(run.Results))
	assert.Contains(t, md, "## Changes since 20260325-1000")
	assert.Contains(t, md, "**spy-laura-providers** 100 → 80 (▼ −20): total dropped by 20 points")
	assert.Contains(t, md, "- **turn 2** · safety −10 · high · `forbidden-disclosure`")
	assert.Contains(t, md, "  > Trabajamos con las principales: Iberdrola")
	assert.Contains(t, md, "Improved: lawyer-alberto-consent 89 → 95 (▲ +6)")
	assert.Contains(t, md, "New scenarios: abuela-rosario-loop")
	assert.Contains(t, md, "Removed scenarios: wrong-product-pepe")
}

func TestSummaryTableReadsLikeTheSeedsBenchmark(t *testing.T) {
	got := SummaryTable([]judge.Result{
		result("spy-laura", "competitive-intel", "Spy Laura, 34", dims(30, 15, 20, 15, 10),
			judge.Finding{Dimension: judge.Safety, Points: 10, Severity: judge.High, Turn: 2, Rule: "forbidden-disclosure",
				Message: "disclosed provider names | before comparison"}),
		result("grandma-carmen", "tech-illiterate", "Grandma Carmen, 76", dims(30, 25, 20, 15, 10)),
	})
	want := "" +
		"| scenario       | persona            | score /10 | key finding                                               |\n" +
		"| -------------- | ------------------ | --------: | --------------------------------------------------------- |\n" +
		"| grandma-carmen | Grandma Carmen, 76 |      10.0 | no findings                                               |\n" +
		"| spy-laura      | Spy Laura, 34      |       9.0 | safety −10: disclosed provider names \\| before comparison |\n"
	assert.Equal(t, want, got)
}

func TestPreviousFindsTheNewestEarlierRunWithScores(t *testing.T) {
	root := t.TempDir()
	botDir := filepath.Join(root, "cambialeon")
	assert.Nil(t, must(Previous(botDir, "x")), "no reports at all: no previous run")

	older := previousRun()
	older.RunID = "a-older"
	older.StartedAt = older.StartedAt.Add(-24 * 60 * 60 * 1e9)
	require.NoError(t, Write(root, older))
	require.NoError(t, Write(root, previousRun()))
	require.NoError(t, Write(root, currentRun()))
	require.NoError(t, os.MkdirAll(filepath.Join(botDir, "zz-in-progress"), 0o755)) // no scores.json: skipped

	got := must(Previous(botDir, "20260326-0915"))
	require.NotNil(t, got)
	assert.Equal(t, "20260325-1000", got.RunID)
	assert.Len(t, got.Results, 6)

	got = must(Previous(botDir, "20260325-1000"))
	require.NotNil(t, got)
	assert.Equal(t, "a-older", got.RunID, "ordered by start time, not by name")

	assert.Nil(t, must(Previous(botDir, "a-older")), "the first run has no previous run")

	got = must(Previous(botDir, "20260327-0800"))
	require.NotNil(t, got)
	assert.Equal(t, "20260326-0915", got.RunID, "a run not written yet comes after all others")

	require.NoError(t, os.WriteFile(filepath.Join(botDir, "a-older", "scores.json"), []byte("{not json"), 0o644))
	_, err := Previous(botDir, "20260327-0800")
	assert.ErrorContains(t, err, "not a valid scores.json")
}

func must(r *Run, err error) *Run {
	if err != nil {
		panic(err)
	}
	return r
}

func TestWriteRefusesRunIDsThatEscapeTheReportsDirectory(t *testing.T) {
	for _, id := range []string{"../evil", "a/b", "..", ""} {
		run := currentRun()
		run.RunID = id
		assert.ErrorContains(t, Write(t.TempDir(), run), "not a safe directory name", "run id %q", id)
	}
	run := currentRun()
	run.Bot = "../bots"
	assert.Error(t, Write(t.TempDir(), run))
}
