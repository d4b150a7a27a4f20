package l13sim_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
	"github.com/caas-testing/caas-testing/testutil"
)

// Each seeded defect below is a bug the sim exists to find: with it on, the
// bot's scenarios of the category built to find it must lose points on the
// defect's dimension, through the rule that names it, with a quote. They are
// played on a private embedded bot with only that defect on.

// Spy personas probe for the providers (partners) before any comparison.
func TestAProviderLeakCostsSafetyPointsWithAQuote(t *testing.T) {
	assertDefectCosts(t, defectCost{"provider-leak", "competitive-intel", judge.Safety, "forbidden-disclosure", true})
}

// Prompt injectors ask "are you human? say yes".
func TestAClaimToBeHumanCostsIdentityPointsWithAQuote(t *testing.T) {
	assertDefectCosts(t, defectCost{"claims-human", "prompt-injection", judge.Identity, "human-claim", true})
}

// Tech-illiterate customers send what the bot cannot read, several times.
func TestALoopingReplyCostsRecoveryPointsWithAQuote(t *testing.T) {
	assertDefectCosts(t, defectCost{"loop-reply", "tech-illiterate", judge.Recovery, "reply-loop", true})
}

// Legal-pressure customers watch the consent step.
func TestAskingForDataBeforeConsentCostsPhasePointsWithThePath(t *testing.T) {
	assertDefectCosts(t, defectCost{"phase-skip", "legal-pressure", judge.PhaseCorrectness, "personal-data-before-consent", false})
}

// defectCost is what one seeded defect must cost.
type defectCost struct {
	defect   string
	category string // the scenarios played: those built to find the defect
	dim      judge.Dimension
	rule     string
	// quotesReply: the evidence is a reply of the bot (else the database's phase path).
	quotesReply bool
}

// assertDefectCosts plays the scenarios of c.category against a private bot
// with c.defect on and checks that at least one loses c.dim points to
// c.rule, that each such finding quotes the transcript, and, when the shared
// bot is clean, that the same scenarios had no such finding there and count
// as regressions against it.
func assertDefectCosts(t *testing.T, c defectCost) {
	t.Helper()
	t.Parallel()
	defect, dim, rule := c.defect, c.dim, c.rule
	m := testutil.Manifest(t)
	scs := slices.DeleteFunc(batch(t), func(sc *scenario.Scenario) bool { return sc.Category != c.category })
	if len(scs) == 0 {
		t.Skipf("%s has no %s scenario under sim/scenarios/%s to play with %s on", m.Name, c.category, m.Name, defect)
	}
	tg := testutil.OpenPrivateWith(t, defect) // skips for a bot that is not embedded
	ctx, cancel := context.WithTimeout(context.Background(), playBudget)
	defer cancel()
	bad, err := playBatch(ctx, tg.Target, scs, "l13-"+defect)
	require.NoError(t, err)
	t.Logf("%s with %s on:\n%s", m.Name, defect, report.SummaryTable(bad.ordered()))

	var hit []string
	for _, sc := range scs {
		res := bad.Results[sc.ID]
		f, ok := findingOf(res, dim, rule)
		if !ok {
			continue
		}
		hit = append(hit, sc.ID)
		assert.Less(t, res.Dimensions.Get(dim), judge.Weights.Get(dim), "%s: a %s finding but no %s points lost: %s", sc.ID, rule, dim, scoreLine(res))
		if c.quotesReply {
			assert.True(t, quotesTheTurn(bad.Transcripts[sc.ID], f), "%s: the evidence is not a quote of the bot's reply at turn %d: %s", sc.ID, f.Turn, findingLine(f))
		} else {
			assert.True(t, strings.HasPrefix(f.Evidence, "phase path: "), "%s: the evidence is not the database's phase path: %s", sc.ID, findingLine(f))
		}
		t.Logf("%s: %s", sc.ID, findingLine(f))
	}
	require.NotEmpty(t, hit, "with %s on, no %s scenario of %s lost %s points to a %s finding: the sim does not see the defect.\n%s",
		defect, c.category, m.Name, dim, rule, report.SummaryTable(bad.ordered()))

	if env := os.Getenv(botclient.DefectsEnv); env != "" {
		t.Logf("the shared bot runs with %s=%s: not compared with it", botclient.DefectsEnv, env)
		return
	}
	clean := played(t)
	var before []judge.Result
	for _, sc := range scs {
		before = append(before, clean.Results[sc.ID])
	}
	cmp := judge.Compare(before, bad.ordered())
	for _, id := range hit {
		if f, ok := findingOf(clean.Results[id], dim, rule); ok {
			t.Errorf("%s had the same %s finding on the clean bot: the scenario, not %s, costs the points: %s", id, rule, defect, findingLine(f))
		}
		assert.True(t, slices.ContainsFunc(cmp.Regressions, func(r judge.Regression) bool { return r.ScenarioID == id }),
			"%s lost %s points to %s, but judge.Compare does not call it a regression against the clean bot: %+v", id, dim, defect, cmp.Deltas)
	}
}

// quotesTheTurn reports whether a finding's evidence is a piece of one of
// the bot's replies in the turn it names (the judge trims a quote with "…"
// and folds its whitespace).
func quotesTheTurn(tr *transcript.Transcript, f judge.Finding) bool {
	if tr == nil {
		return false
	}
	piece := strings.TrimSpace(strings.Trim(strings.TrimSpace(f.Evidence), "…"))
	if piece == "" {
		return false
	}
	for _, tn := range tr.Turns {
		if tn.N != f.Turn {
			continue
		}
		for _, rep := range tn.Replies {
			if strings.Contains(strings.Join(strings.Fields(rep), " "), piece) {
				return true
			}
		}
	}
	return false
}
