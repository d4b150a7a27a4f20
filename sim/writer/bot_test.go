package writer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/writer"
)

func TestGraphPlan(t *testing.T) {
	g := writer.Graph{
		Initial: "hello",
		Phases:  []string{"greeting", "consent", "details", "paid", "closed"},
		PhaseOf: map[string]string{"hello": "greeting", "ask": "consent", "form": "details", "pay": "paid", "bye": "closed", "lost": "details"},
		On: map[string]map[string]string{
			"hello": {"hi": "ask"},
			"ask":   {"yes": "form", "no": "bye"},
			"form":  {"fill": "pay", "skip": "form"},
		},
		Global: map[string]string{"stop": "bye", "help": ""},
	}

	t.Run("walks to the terminal-most state, ignoring closed", func(t *testing.T) {
		path, globals, err := g.Plan()
		require.NoError(t, err)
		assert.Equal(t, []writer.Step{{"hi", "consent"}, {"yes", "details"}, {"fill", "paid"}}, path)
		assert.Equal(t, map[string]string{"stop": "closed"}, globals)
	})

	t.Run("walks to a chosen goal", func(t *testing.T) {
		g := g
		g.Goal = "form"
		path, _, err := g.Plan()
		require.NoError(t, err)
		assert.Equal(t, []writer.Step{{"hi", "consent"}, {"yes", "details"}}, path)
	})

	t.Run("says when the goal cannot be reached", func(t *testing.T) {
		g := g
		g.Goal = "lost"
		_, _, err := g.Plan()
		assert.ErrorContains(t, err, `goal state "lost" is not reachable from "hello"`)
	})

	t.Run("takes the shipped manifests' happy paths to their last phase", func(t *testing.T) {
		cam := loadBot(t, "cambialeon")
		assert.Equal(t, "done", cam.Journey[len(cam.Journey)-1].Phase)
		assert.Len(t, cam.Journey, 10)
		voya := loadBot(t, "voyachat")
		assert.Equal(t, "paid", voya.Journey[len(voya.Journey)-1].Intent, "the Stripe event ends the path; the writer stops before it")
		assert.Equal(t, "es", cam.Languages[0], "the default language comes first")
	})
}
