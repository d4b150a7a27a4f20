package writer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/writer"
)

func TestTheShippedBotsJourneysRunThroughTheirConversation(t *testing.T) {
	cam := loadBot(t, "cambialeon")
	assert.Equal(t, "done", cam.Journey[len(cam.Journey)-1].Phase)
	assert.Len(t, cam.Journey, 10)
	voya := loadBot(t, "voyachat")
	assert.Equal(t, "paid", voya.Journey[len(voya.Journey)-1].Intent, "the Stripe event ends the path; the writer stops before it")
	assert.Equal(t, "es", cam.Languages[0], "the default language comes first")
}

func TestEveryPhasePathBeginsInTheInitialStatesPhase(t *testing.T) {
	lib := loadLibrary(t)
	for _, name := range botNames {
		t.Run(name, func(t *testing.T) {
			bot := loadBot(t, name)
			for _, s := range generate(t, bot, lib, "5 scenarios", 1) {
				assert.Equal(t, bot.Start, s.Expect.PhasePath[0], "scenario %s", s.ID)
			}
		})
	}
	t.Run("a bot without a start phase is refused", func(t *testing.T) {
		bot := loadBot(t, "cambialeon")
		bot.Start = ""
		b, err := writer.ParseBriefWith(lib, bot.Name, "5 scenarios")
		require.NoError(t, err)
		_, err = writer.Generate(b, bot, lib)
		assert.ErrorContains(t, err, "bot cambialeon has no start phase; fill Bot.Start with the phase of graph.initial")
	})
}
