package botdata_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/writer"
	"github.com/caas-testing/caas-testing/sim/writer/botdata"
)

// shop is a small manifest built in Go whose graph.phases are phases: a
// greeting, a consent that may be declined (bye, in closed), a form with a
// step that stays (skip), a payment, and a state nothing leads to (lost).
func shop(phases ...string) *bots.Manifest {
	return &bots.Manifest{
		Name:    "shop",
		Persona: bots.Persona{Languages: []string{"en"}},
		Graph: bots.Graph{
			Phases:   phases,
			Initial:  "hello",
			Terminal: []string{"pay", "bye"},
			States: map[string]*bots.State{
				"hello": {Phase: "greeting", On: map[string]string{"hi": "ask"}},
				"ask":   {Phase: "consent", On: map[string]string{"yes": "form", "no": "bye"}},
				"form":  {Phase: "details", On: map[string]string{"fill": "pay", "skip": "form"}},
				"pay":   {Phase: "paid"},
				"bye":   {Phase: "closed"},
				"lost":  {Phase: "details"},
			},
		},
		Intents: bots.Intents{Global: map[string]string{"stop": "bye", "help": ""}},
	}
}

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

	// The journey is the manifest's happy path wherever the phases put the
	// way out: a success phase listed last is walked to like any other.
	for _, tc := range []struct {
		name   string
		phases []string
	}{
		{"walks to the payment when closed is the last phase", []string{"greeting", "consent", "details", "paid", "closed"}},
		{"walks to the payment when it is the last phase itself", []string{"greeting", "consent", "closed", "details", "paid"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := botdata.FromManifest(shop(tc.phases...))
			require.NoError(t, err)
			assert.Equal(t, []writer.Step{{Intent: "hi", Phase: "consent"}, {Intent: "yes", Phase: "details"}, {Intent: "fill", Phase: "paid"}}, b.Journey)
			assert.Equal(t, map[string]string{"stop": "closed"}, b.Globals, "help keeps the state")
			assert.Equal(t, "shop", b.DisplayName, "no display_name: the name")
			assert.Equal(t, "greeting", b.Start)
		})
	}

	t.Run("names the manifest when its initial state is undefined", func(t *testing.T) {
		m, err := bots.FromEnv(os.Getenv).Load("voyachat")
		require.NoError(t, err)
		m.Graph.Initial = "nowhere"
		_, err = botdata.FromManifest(m)
		assert.ErrorContains(t, err, `voyachat.yaml: graph.initial: state "nowhere" is not defined in graph.states`)
	})
}
