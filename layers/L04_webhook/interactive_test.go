package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// A customer who taps a button instead of typing must get the same
// conversation: the tap arrives as an interactive button_reply, a list
// pick, or a template's quick reply, each a different JSON shape from a text,
// and each titled with what the customer would have typed. The ids are the
// bot's own business; these are opaque ones, so only the titles can carry
// the meaning.
func TestInteractiveRepliesMoveTheSessionLikeTypedText(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	consent, next := consentState(t, tg.M)
	yes := testutil.Utterance(t, tg.M, "accept", "")

	t.Run("typed, the accept utterance moves the session", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		tg.DriveTo(t, phone, consent, "")
		tu := tg.Say(t, phone, yes)
		s := tg.Session(t, phone)
		assert.Equal(t, next, s.State, "typed %q in %s should lead to %s (graph.states.%s.on.accept); %s", yes, consent, next, consent, tu.Quote())
	})

	cases := []struct {
		what string
		tap  func(phone string) fixtures.Message
	}{
		{"a reply button titled", func(p string) fixtures.Message { return fixtures.ButtonReply(p, "opt-1", yes) }},
		{"a list row titled", func(p string) fixtures.Message { return fixtures.ListReply(p, "row-1", yes, "") }},
		{"a list row with a description titled", func(p string) fixtures.Message {
			return fixtures.ListReply(p, "row-2", yes, "Sigo adelante / I go on")
		}},
		{"a template quick reply labelled", func(p string) fixtures.Message { return fixtures.TemplateButton(p, "TPL_OPT_1", yes) }},
	}
	for _, c := range cases {
		t.Run("tapping "+c.what+" with the accept utterance moves the session the same way", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			tg.DriveTo(t, phone, consent, "")
			msg := c.tap(phone)
			tu, ok := sendTyped(t, tg, msg, c.what+" "+yes)
			if !ok {
				return
			}
			s := tg.Session(t, phone)
			assert.Equal(t, next, s.State, "tapping %s %q in %s should lead to %s like the typed text does; the session is in %s; %s",
				c.what, yes, consent, next, s.State, tu.Quote())
			assert.NotEmpty(t, tu.Replies, "the bot did not answer a tap on %s %q; %s", c.what, yes, tu.Quote())
		})
	}
}
