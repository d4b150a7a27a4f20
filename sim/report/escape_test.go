package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// hostileRun is a run whose persona and quotes are markup: a report that
// pasted them as they are would run a script or break its table.
func hostileRun() Run {
	run := withPrevious()
	run.Results[0].Persona = "<script>alert(1)</script> | x"
	run.Results[0].Category = "competitive-intel <i>"
	run.Results[0].Findings[0].Evidence = "Trabajamos con <b>Iberdrola</b> | Endesa & co"
	run.Results[0].Findings[0].Message = "disclosed <em>providers</em> | before the comparison"
	return run
}

func TestReportMarkdownEscapesHTMLAndPipesInEveryPersonaAndQuote(t *testing.T) {
	dir := writeRun(t, hostileRun())
	data, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	md := string(data)

	for _, raw := range []string{"<script", "<b>", "<em>", "<i>"} {
		assert.NotContains(t, md, raw, "markup from the run reaches report.md as markup")
	}
	assert.Contains(t, md, `| &lt;script&gt;alert(1)&lt;/script&gt; \| x |`, "the persona in the summary table")
	assert.Contains(t, md, `### spy-laura-providers: &lt;script&gt;alert(1)&lt;/script&gt; \| x (competitive-intel &lt;i&gt;)`, "the persona in its heading")
	assert.Contains(t, md, `  > Trabajamos con &lt;b&gt;Iberdrola&lt;/b&gt; \| Endesa &amp; co`, "the quote")
	assert.Contains(t, md, `disclosed &lt;em&gt;providers&lt;/em&gt; \| before the comparison`, "the finding's message")

	// Every row of every table has as many cells as its header.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	var header int
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = 0
			continue
		}
		n := len(unescaped.FindAllString(line, -1))
		if header == 0 {
			header = n
		}
		assert.Equal(t, header, n, "a table row with a cell too many or too few: %s", line)
	}
}

func TestReportHTMLEscapesEveryPersonaAndQuote(t *testing.T) {
	dir := writeRunWithTranscripts(t, hostileRun(), playedTurns())
	page := readPage(t, dir)
	for _, raw := range []string{"<script", "<b>Iberdrola", "<em>", "competitive-intel <i>"} {
		assert.NotContains(t, page, raw, "markup from the run reaches report.html as markup")
	}
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt; | x")
	assert.Contains(t, page, "<blockquote>Trabajamos con &lt;b&gt;Iberdrola&lt;/b&gt; | Endesa &amp; co</blockquote>")
}

// The terminal's table is not Markdown rendered to HTML: it shows the
// persona as typed (only its pipes escaped, so the columns hold).
func TestSummaryTableShowsTextAsTyped(t *testing.T) {
	got := SummaryTable([]judge.Result{result("x", "hostile", "<b>Ana</b> | 40", dims(30, 25, 20, 15, 10))})
	assert.Contains(t, got, `<b>Ana</b> \| 40`)
}
