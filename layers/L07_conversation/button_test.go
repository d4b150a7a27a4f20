package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTappingAChoiceButtonWorksLikeTypingIt(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	lang := tg.Language("")

	// A state that offers a choice (two or more intents a customer can
	// say) is where a bot shows buttons. The tapped button carries the
	// intent's name as its id and the manifest's utterance as its title,
	// the way a bot labels its own buttons.
	choices := map[string][]bots.Edge{} // state -> the intents a customer can say there
	var states []string
	for _, e := range m.Edges(bots.OwnEdges) {
		if !tg.Drivable(e.Intent, lang) || tg.IsEvent(e.Intent) {
			continue
		}
		if len(choices[e.From]) == 0 {
			states = append(states, e.From)
		}
		choices[e.From] = append(choices[e.From], e)
	}
	tapped := 0
	for _, state := range states {
		if len(choices[state]) < 2 {
			continue
		}
		for _, e := range choices[state] {
			intent := e.Intent
			tapped++
			t.Run(intent+"_in_"+state, func(t *testing.T) {
				t.Parallel()
				title, err := tg.UtteranceOf(intent, lang)
				require.NoError(t, err)
				phones := tg.Phones(t, 2)
				tap, typed := phones[0], phones[1]
				tg.DriveTo(t, tap, state, lang)
				tg.DriveTo(t, typed, state, lang)

				tu := tg.Deliver(t, fixtures.Delivery(fixtures.ButtonReply(tap, intent, title)).JSON())
				got := tg.Session(t, tap)
				typedTurn := tg.Say(t, typed, title)
				want := tg.Session(t, typed)

				assert.Equal(t, e.To, got.State, "in state %s the customer tapped the %q button (id %q): %s; the manifest says %s", state, title, intent, tu.Quote(), e)
				assert.Equal(t, want.State, got.State, "tapping %q must do what typing it did (%s)", title, typedTurn.Quote())
				assert.Equal(t, want.Phase, got.Phase, "tapping %q must reach the phase typing it did", title)
				assert.NotEmpty(t, tu.Replies, "the tapped button got no reply: %s", tu.Quote())
			})
		}
	}
	if tapped == 0 {
		t.Skipf("%s: no reachable state offers a choice of two or more intents with utterances in %s", m.File(), lang)
	}
}
