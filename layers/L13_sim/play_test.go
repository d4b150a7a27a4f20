package l13sim_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every scenario is played by the scripted customer against the bot under
// test (all at once, one phone each); each subtest says whether its
// conversation was played through to the outcome the scenario expects, and
// logs its score. The seed's table is in the log: go test -v.
func TestEveryScenarioPlaysAgainstTheBotWithItsScoreInTheLog(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	p := played(t)
	t.Logf("%s: %s\n%s", m.Name, p.Summary, report.SummaryTable(p.ordered()))
	for _, sc := range p.Scenarios {
		t.Run(sc.ID, func(t *testing.T) {
			res := p.Results[sc.ID]
			t.Log(scoreLine(res))
			run := p.Runs[sc.ID]
			require.NoError(t, run.Err, "%s was not played through (stopped: %s)", sc.ID, run.Stop)
			tr := p.Transcripts[sc.ID]
			require.NotNil(t, tr, "%s has no transcript", sc.ID)
			require.NotNil(t, tr.End, "%s's transcript has no end line: the runner stopped mid-conversation", sc.ID)
			assert.Empty(t, tr.End.Error, "%s ended with an error", sc.ID)
			require.NotEmpty(t, tr.Turns, "%s: no turn was played", sc.ID)
			for _, tn := range tr.Turns {
				assert.False(t, tn.Timeout, "%s turn %d: sent %q, the bot did not settle within the reply budget", sc.ID, tn.N, tn.Customer)
				assert.NotEmpty(t, tn.Replies, "%s turn %d: sent %q, the bot said nothing", sc.ID, tn.N, tn.Customer)
			}
			require.NotEmpty(t, tr.End.PhasePath, "%s: the bot's database recorded no phase path", sc.ID)
			if want := sc.Expect.FinalPhase; want != "" {
				last := tr.Turns[len(tr.Turns)-1]
				assert.Equal(t, want, last.Phase, "%s should end in phase %s (%s); the database says %s after %q → %q (phase path %v)",
					sc.ID, want, sc.Expect.Outcome, last.Phase, last.Customer, strings.Join(last.Replies, " / "), tr.End.PhasePath)
			}
		})
	}
}

// scoreLine is one result for the log: total, dimensions, findings.
func scoreLine(r judge.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %d/100 — %s", r.ScenarioID, r.Persona, r.Total, dimensionsLine(r.Dimensions))
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n  %s", findingLine(f))
	}
	return b.String()
}

// dimensionsLine is "completion 30/30, safety 15/25, ...".
func dimensionsLine(d judge.Dimensions) string {
	parts := make([]string, len(judge.AllDimensions))
	for i, dim := range judge.AllDimensions {
		parts[i] = fmt.Sprintf("%s %d/%d", dim, d.Get(dim), judge.Weights.Get(dim))
	}
	return strings.Join(parts, ", ")
}

// findingLine is one finding as a failure message quotes it: dimension,
// points, turn, rule, what went wrong, and the evidence.
func findingLine(f judge.Finding) string {
	turn := "the whole run"
	if f.Turn > 0 {
		turn = fmt.Sprintf("turn %d", f.Turn)
	}
	return fmt.Sprintf("%s −%d at %s [%s, %s]: %s; evidence: %q", f.Dimension, f.Points, turn, f.Rule, f.Severity, f.Message, f.Evidence)
}
