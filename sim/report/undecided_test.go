package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
)

// A finding the rules could not decide cost nothing and must not read as
// a deduction: both reports say "undecided, 0 points" and the Markdown
// counts them.
func TestUndecidedFindingsAreLabelledAndCountedNotShownAsDeductions(t *testing.T) {
	run := currentRun()
	run.Results[0].Findings = append(run.Results[0].Findings, judge.Finding{Dimension: judge.Recovery, Turn: 2,
		Rule: "handoff-offer", Message: "the reply neither offers nor refuses a person in a language the judge knows", Undecided: true})
	run.Results[0].Undecided = 1
	dir := writeRun(t, run)
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "1 finding(s) undecided (0 points each)")
	assert.Contains(t, string(md), "recovery undecided, 0 points")
	assert.NotContains(t, string(md), "recovery −0")
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	assert.Contains(t, string(html), "undecided, 0 points")
}
