package botdata_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/writer/botdata"
)

func TestFromManifest(t *testing.T) {
	t.Run("takes cambialeon's path from greeting to done and where globals lead", func(t *testing.T) {
		m, err := bots.FromEnv(os.Getenv).Load("cambialeon")
		require.NoError(t, err)
		b, err := botdata.FromManifest(m)
		require.NoError(t, err)
		assert.Equal(t, "cambialeon", b.Name)
		assert.Equal(t, m.Persona.DefaultLanguage, b.Languages[0])
		assert.Equal(t, m.Graph.Phases, b.Phases)
		intents := make([]string, len(b.Journey))
		for i, s := range b.Journey {
			intents[i] = s.Intent
		}
		assert.Equal(t, []string{"hello", "accept", "give_consumption", "give_power", "give_provider", "choose", "give_name", "give_id", "give_iban", "give_address"}, intents)
		assert.Equal(t, "closed", b.Globals["stop"])
		assert.Equal(t, "greeting", b.Globals["gdpr_erasure"])
		assert.NotContains(t, b.Globals, "help", "help keeps the state")
		assert.Equal(t, m.Intents.Utterances["hello"], b.Utterances["hello"])
	})

	t.Run("names the manifest when its initial state has no phase", func(t *testing.T) {
		m, err := bots.FromEnv(os.Getenv).Load("voyachat")
		require.NoError(t, err)
		m.Graph.Initial = "nowhere"
		_, err = botdata.FromManifest(m)
		assert.ErrorContains(t, err, `voyachat.yaml: graph: initial state "nowhere" has no phase`)
	})
}
