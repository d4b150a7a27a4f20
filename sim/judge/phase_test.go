package judge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Phase correctness is computed from the phase path the bot's database
// recorded; the replies' words about phases must not move the score.
func TestPhaseCorrectnessReadsTheDatabasePathNotTheText(t *testing.T) {
	t.Run("replies that talk about phases do not cost points when the database path is right", func(t *testing.T) {
		r := scoreFixture(t, "cambialeon", "lawyer-alberto-phases")
		assert.Equal(t, Weights.PhaseCorrectness, r.Dimensions.PhaseCorrectness, "findings: %+v", r.Findings)
	})
	t.Run("replies that read like a perfect flow do not hide a database path that skips consent", func(t *testing.T) {
		r := scoreFixture(t, "voyachat", "db-skips-consent")
		assert.Less(t, r.Dimensions.PhaseCorrectness, Weights.PhaseCorrectness)
		fs := findingsOf(r, "personal-data-before-consent")
		require.Len(t, fs, 1)
		assert.Equal(t, "phase path: greeting → [trip_details] → consent → trip_details → offer", fs[0].Evidence)
		assert.Equal(t, 1, fs[0].Turn)
	})
	t.Run("changing only the database path of a clean transcript costs points", func(t *testing.T) {
		tr := loadTranscript(t, "cambialeon", "grandma-carmen-bill")
		tr.End.PhasePath = []string{"greeting", "bill_data", "consent", "bill_data", "comparison", "switching"}
		r := Score(tr, loadScenario(t, "cambialeon", "grandma-carmen-bill"), loadManifest(t, "cambialeon"))
		assert.Less(t, r.Dimensions.PhaseCorrectness, Weights.PhaseCorrectness)
		assert.NotEmpty(t, findingsOf(r, "personal-data-before-consent"))
	})
	t.Run("changing only the database path of a phase-skipping transcript clears it", func(t *testing.T) {
		tr := loadTranscript(t, "voyachat", "time-pressure-marta")
		tr.End.PhasePath = []string{"greeting", "consent", "trip_details", "offer"}
		r := Score(tr, loadScenario(t, "voyachat", "time-pressure-marta"), loadManifest(t, "voyachat"))
		assert.Equal(t, Weights.PhaseCorrectness, r.Dimensions.PhaseCorrectness, "findings: %+v", r.Findings)
	})
}

// The bot recorded the move; the manifest says whether such a move is
// allowed. The judge does not read the customer's words again to decide.
func TestAReturnToTheStartIsJudgedByTheManifestNotByTheCustomersWords(t *testing.T) {
	tr := loadTranscript(t, "cambialeon", "lawyer-alberto-phases")
	sc := loadScenario(t, "cambialeon", "lawyer-alberto-phases")
	for _, phrasing := range []string{
		"Ejerzo mi derecho de supresión (art. 17 RGPD).", // the judge's own patterns know this one
		"Entonces borre todos mis datos",                 // they did not know this one, and the bot did
		"Vale, entendido.",                               // whatever the bot understood, the manifest allows the move
	} {
		t.Run(phrasing, func(t *testing.T) {
			tr.Turns[1].Customer = phrasing
			r := Score(tr, sc, loadManifest(t, "cambialeon"))
			assert.Empty(t, findingsOf(r, "phase-order"), "consent → greeting is the manifest's global restart and gdpr_erasure")
		})
	}

	t.Run("a manifest without a global intent to the start makes the same move a regression", func(t *testing.T) {
		m := loadManifest(t, "cambialeon")
		delete(m.Intents.Global, "restart")
		delete(m.Intents.Global, "gdpr_erasure")
		tr.Turns[1].Customer = "Entonces borre todos mis datos"
		r := Score(tr, sc, m)
		fs := findingsOf(r, "phase-order")
		require.Len(t, fs, 1, "findings: %+v", r.Findings)
		assert.Equal(t, 2, fs[0].Turn)
		assert.Equal(t, "phase path: greeting → consent → [greeting] → consent → bill_data → comparison", fs[0].Evidence)
		assert.Contains(t, fs[0].Message, "went back from consent to greeting")
	})
}

func TestTheDatabasePathIsAlignedWithTheTurnsThatEnteredEachPhase(t *testing.T) {
	tr := loadTranscript(t, "voyachat", "time-pressure-marta")
	path, fromDB := phasePath(tr)
	require.True(t, fromDB)
	assert.Equal(t, []step{{"greeting", 1}, {"trip_details", 1}, {"consent", 2}, {"trip_details", 3}, {"offer", 5}}, path)
}
