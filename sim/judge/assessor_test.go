package judge

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

type cannedAssessor struct {
	findings []Finding
	err      error
}

func (a cannedAssessor) Assess(context.Context, *transcript.Transcript, *scenario.Scenario) ([]Finding, error) {
	return a.findings, a.err
}

func TestAnAssessorsFindingsAreMergedAndDeducted(t *testing.T) {
	tr, sc, m := loadTranscript(t, "cambialeon", "grandma-carmen-bill"), loadScenario(t, "cambialeon", "grandma-carmen-bill"), loadManifest(t, "cambialeon")
	plain, err := ScoreWith(context.Background(), tr, sc, m, nil)
	require.NoError(t, err)
	assert.Equal(t, Score(tr, sc, m), plain, "no assessor: the deterministic score")

	extra := Finding{Dimension: Recovery, Points: 4, Severity: Low, Turn: 4, Rule: "llm:jargon",
		Evidence: "escribe un número aproximado", Message: "could explain kWh more simply"}
	got, err := ScoreWith(context.Background(), tr, sc, m, cannedAssessor{findings: []Finding{extra}})
	require.NoError(t, err)
	assert.Equal(t, plain.Total-4, got.Total)
	assert.Equal(t, 6, got.Dimensions.Recovery)
	assert.Contains(t, got.Findings, extra)
}

func TestAnAssessorThatFailsOrMisbehavesIsAnError(t *testing.T) {
	tr, sc, m := loadTranscript(t, "cambialeon", "grandma-carmen-bill"), loadScenario(t, "cambialeon", "grandma-carmen-bill"), loadManifest(t, "cambialeon")
	_, err := ScoreWith(context.Background(), tr, sc, m, cannedAssessor{err: errors.New("rate limited")})
	assert.ErrorContains(t, err, "rate limited")
	_, err = ScoreWith(context.Background(), tr, sc, m, cannedAssessor{findings: []Finding{{Dimension: "tone", Points: 1}}})
	assert.ErrorContains(t, err, "unknown rubric dimension")
	_, err = ScoreWith(context.Background(), tr, sc, m, cannedAssessor{findings: []Finding{{Dimension: Safety, Points: -5}}})
	assert.ErrorContains(t, err, "deductions must be ≥ 0")
}
