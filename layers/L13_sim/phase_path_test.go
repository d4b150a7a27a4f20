package l13sim_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// What a reply says about where the conversation is proves nothing: the
// judge must read the phases from the bot's database. A conversation whose
// text asks for consent but whose database skipped it loses phase points;
// one whose text boasts of skipping phases while the database went in order
// keeps them.
func TestPhaseCorrectnessComesFromTheDatabasesPhasePathNotTheText(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	consent := m.Graph.ConsentPhase
	if consent == "" || len(m.Graph.PersonalDataPhases) == 0 {
		t.Skipf("%s: the manifest names no graph.consent_phase or graph.personal_data_phases; there is no order to get wrong", m.Name)
	}
	p := played(t)
	sc, tr := consentedConversation(p, m)
	require.NotNil(t, tr, "no scenario of %s went through %s before a personal-data phase %v in the database; the bot skips consent (phase-skip?)",
		m.Name, consent, m.Graph.PersonalDataPhases)
	clean := judge.Score(tr, sc, m)
	require.Equal(t, judge.Weights.PhaseCorrectness, clean.Dimensions.PhaseCorrectness,
		"%s as played: %s", sc.ID, scoreLine(clean))

	t.Run("a_database_path_without_consent_loses_points_though_the_text_asks_for_it", func(t *testing.T) {
		bad := copyTranscript(tr)
		bad.End.PhasePath = slices.DeleteFunc(bad.End.PhasePath, func(ph string) bool { return ph == consent })
		for i := range bad.Turns {
			if bad.Turns[i].Phase == consent {
				bad.Turns[i].Phase = m.Graph.Phases[0]
			}
		}
		res := judge.Score(bad, sc, m)
		assert.Less(t, res.Dimensions.PhaseCorrectness, clean.Dimensions.PhaseCorrectness,
			"%s with %s removed from the database's path %v kept its phase points: %s", sc.ID, consent, bad.End.PhasePath, scoreLine(res))
		f, ok := findingOf(res, judge.PhaseCorrectness, "personal-data-before-consent")
		if assert.True(t, ok, "no personal-data-before-consent finding: %v", findingLines(res.Findings)) {
			assert.True(t, strings.HasPrefix(f.Evidence, "phase path: "), "the evidence must be the database's path: %s", findingLine(f))
			assert.NotContains(t, f.Evidence, consent, "the evidence shows a %s the database did not record: %s", consent, findingLine(f))
		}
	})

	t.Run("a_text_that_claims_skipped_phases_keeps_the_points_of_an_orderly_database_path", func(t *testing.T) {
		boast := copyTranscript(tr)
		last := m.Graph.Phases[len(m.Graph.Phases)-1]
		for i := range boast.Turns {
			for k := range boast.Turns[i].Replies {
				boast.Turns[i].Replies[k] += fmt.Sprintf(" [fase: %s] Nos saltamos la fase %s y vamos directos a %s. Phase: %s, %s skipped.",
					last, consent, last, last, consent)
			}
		}
		res := judge.Score(boast, sc, m)
		assert.Equal(t, clean.Dimensions.PhaseCorrectness, res.Dimensions.PhaseCorrectness,
			"%s: replies that only claim a skipped %s changed the phase score: %s", sc.ID, consent, scoreLine(res))
		for _, f := range res.Findings {
			assert.NotEqual(t, judge.PhaseCorrectness, f.Dimension, "a phase finding from the text alone: %s", findingLine(f))
		}
	})
}

// consentedConversation is the first played scenario whose database path
// enters the consent phase before any personal-data phase, and enters one.
func consentedConversation(p *play, m *bots.Manifest) (*scenario.Scenario, *transcript.Transcript) {
	for _, sc := range p.Scenarios {
		tr := p.Transcripts[sc.ID]
		if tr == nil || tr.End == nil {
			continue
		}
		consented := false
		for _, ph := range tr.End.PhasePath {
			if ph == m.Graph.ConsentPhase {
				consented = true
			}
			if slices.Contains(m.Graph.PersonalDataPhases, ph) {
				if consented {
					return sc, tr
				}
				break
			}
		}
	}
	return nil, nil
}

// copyTranscript is a deep copy a test may change.
func copyTranscript(tr *transcript.Transcript) *transcript.Transcript {
	out := &transcript.Transcript{Header: tr.Header}
	for _, tn := range tr.Turns {
		tn.Replies = slices.Clone(tn.Replies)
		out.Turns = append(out.Turns, tn)
	}
	if tr.End != nil {
		end := *tr.End
		end.PhasePath = slices.Clone(tr.End.PhasePath)
		out.End = &end
	}
	return out
}
