package writer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTheShippedBotsJourneysRunThroughTheirConversation(t *testing.T) {
	cam := loadBot(t, "cambialeon")
	assert.Equal(t, "done", cam.Journey[len(cam.Journey)-1].Phase)
	assert.Len(t, cam.Journey, 10)
	voya := loadBot(t, "voyachat")
	assert.Equal(t, "paid", voya.Journey[len(voya.Journey)-1].Intent, "the Stripe event ends the path; the writer stops before it")
	assert.Equal(t, "es", cam.Languages[0], "the default language comes first")
}
