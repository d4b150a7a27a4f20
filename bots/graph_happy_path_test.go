package bots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
)

// intents are the intents of path, in order.
func intents(path []bots.Step) []string {
	var out []string
	for _, st := range path {
		out = append(out, st.Intent)
	}
	return out
}

func TestTheHappyPathIsTheLongestForwardWalkTheCallerCanDrive(t *testing.T) {
	shop := loadGraph(t, "shop.yaml")
	not := func(skip ...string) func(string) bool {
		return func(intent string) bool {
			for _, s := range skip {
				if intent == s {
					return false
				}
			}
			return true
		}
	}
	for _, tc := range []struct {
		name     string
		m        *bots.Manifest
		drivable func(string) bool
		want     []bots.Step
	}{
		{"reaches the success phase though it is the last one, past loops and steps back", shop, nil, []bots.Step{
			{Intent: "hi", State: "ask"}, {Intent: "yes", State: "form_a"}, {Intent: "fill", State: "form_b"},
			{Intent: "fill", State: "offer"}, {Intent: "take", State: "pay"}, {Intent: "paid", State: "booked_ok"},
		}},
		{"stops before an intent the caller cannot drive (a payment)", shop, not("paid"), []bots.Step{
			{Intent: "hi", State: "ask"}, {Intent: "yes", State: "form_a"}, {Intent: "fill", State: "form_b"},
			{Intent: "fill", State: "offer"}, {Intent: "take", State: "pay"},
		}},
		{"goes another way forward when the caller cannot take the first", shop, not("yes"), []bots.Step{
			{Intent: "hi", State: "ask"}, {Intent: "no", State: "declined"},
		}},
		{"takes another intent to the same state when the first cannot be driven", shop, not("fill"), []bots.Step{
			{Intent: "hi", State: "ask"}, {Intent: "yes", State: "form_a"}, {Intent: "help", State: "form_b"},
		}},
		{"is empty when the first step cannot be driven", shop, not("hi"), nil},
		{"breaks a tie by state name, not by file order", loadGraph(t, "ties.yaml"), nil, []bots.Step{{Intent: "y", State: "a_end"}}},
		{"never enters a dead-end loop twice", loadGraph(t, "tangled.yaml"), not("spin"), []bots.Step{
			{Intent: "go", State: "middle"}, {Intent: "finish", State: "finished"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.m.HappyPath(tc.drivable))
		})
	}

	t.Run("is empty when graph.initial is undefined", func(t *testing.T) {
		m := loadGraph(t, "shop.yaml")
		m.Graph.Initial = "nowhere"
		assert.Empty(t, m.HappyPath(nil))
	})
}

func TestTheShippedHappyPathsEndInTheirSuccessState(t *testing.T) {
	for _, tc := range []struct{ bot, last string }{{"voyachat", "confirmed"}, {"cambialeon", "done"}} {
		t.Run(tc.bot, func(t *testing.T) {
			m := load(t, tc.bot)
			path := m.HappyPath(nil)
			assert.Equal(t, m.ShortestPath(m.Graph.Initial, tc.last), path, "on the shipped graphs the happy path is also the shortest way to success")
			assert.Equal(t, tc.last, m.StateAfter(path))
		})
	}
}

func TestWhatAPathPromisesAlongTheWay(t *testing.T) {
	m := loadGraph(t, "shop.yaml")
	path := m.HappyPath(nil)
	assert.Equal(t, []string{"greeting", "consent", "details", "offer", "booked"}, m.PhasesAlong(path), "one entry per change of phase")
	assert.Equal(t, []string{"greeting"}, m.PhasesAlong(nil))
	assert.Equal(t, "hello", m.StateBefore(path, 0))
	assert.Equal(t, "form_b", m.StateBefore(path, 3))
	assert.Equal(t, "booked_ok", m.StateAfter(path))
	assert.Equal(t, "hello", m.StateAfter(nil))
	assert.Equal(t, "hello --hi--> ask --yes--> form_a", bots.Route("hello", path[:2]))
	assert.Equal(t, "hello", bots.Route("hello", nil))
}

func TestOwnPathAndNearestStateSearchTheGraph(t *testing.T) {
	m := loadGraph(t, "shop.yaml")
	assert.Equal(t, []bots.Step{{Intent: "back", State: "form_a"}}, m.OwnPath("form_b", "form_a"))
	assert.Nil(t, m.OwnPath("form_b", "hello"), "only a global intent (restart) leads back to hello")
	assert.Equal(t, []bots.Step{{Intent: "restart", State: "hello"}}, m.ShortestPath("form_b", "hello"))
	assert.Equal(t, []bots.Step{}, m.OwnPath("pay", "pay"))

	in := func(phase string) func(string) bool {
		return func(s string) bool { return m.PhaseOf(s) == phase }
	}
	assert.Equal(t, "form_a", m.NearestState(in("details")), "form_a is two steps from hello, form_b three")
	assert.Equal(t, "opted_out", m.NearestState(in("closed")), "the global stop leads to opted_out in one step; declined is two away")
	assert.Equal(t, "hello", m.NearestState(in("greeting")))
	assert.Empty(t, m.NearestState(in("limbo")))
	assert.Equal(t, "form_b", m.NearestStateFrom("form_b", in("details")), "from form_b, form_b itself is nearest")
	st, next := m.StateTaking("paid")
	assert.Equal(t, [2]string{"pay", "booked_ok"}, [2]string{st, next}, "pay waits for the payment event")
	st, _ = m.StateTaking("nothing-takes-this")
	assert.Empty(t, st)
	ties := loadGraph(t, "ties.yaml")
	assert.Equal(t, "a_end", ties.NearestState(func(s string) bool { return ties.IsTerminal(s) }), "a_end and z_end are one step away: the name that sorts first")
}

func TestTheManifestsWordsForAnIntent(t *testing.T) {
	m := load(t, "cambialeon")
	u, err := m.UtteranceOf("give_id", "")
	assert.NoError(t, err)
	assert.Equal(t, m.Utterance("give_id", m.DefaultLanguage()), u, `"" is the default language`)
	_, err = m.UtteranceOf("give_id", "fr")
	assert.ErrorContains(t, err, "cambialeon.yaml: intents.utterances.give_id.fr is empty; add an example")
	assert.Equal(t, append(m.Intents.Utterances["stop"]["es"], m.Intents.Utterances["stop"]["en"]...), m.Utterances("stop", "es", "en"))
	assert.Len(t, m.Utterances("stop"), len(m.Intents.Utterances["stop"]["es"])+len(m.Intents.Utterances["stop"]["en"]), "every language of persona.languages")
	assert.Equal(t, m.DefaultLanguage(), m.Languages()[0], "the default language first")
	assert.ElementsMatch(t, m.Persona.Languages, m.Languages())
}
