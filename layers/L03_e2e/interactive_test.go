package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// A customer who taps a button instead of typing must end up in the same
// place. The button's id is the intent's name and its title the typed
// utterance, as a bot that offers buttons for its intents would send them.
func TestATappedReplyAdvancesTheSessionLikeTheTypedUtterance(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	if len(path) < 2 {
		t.Skipf("%s: the happy path has one step, so no step follows a first message", m.File())
	}
	hello, step := testutil.Utterance(t, m, path[0].Intent, ""), path[1]
	title := testutil.Utterance(t, m, step.Intent, "")

	typed := tg.Phone(t)
	tg.Say(t, typed, hello)
	typedTurn := tg.Say(t, typed, title)
	want := tg.Session(t, typed)
	require.Equal(t, step.State, want.State, "%s: precondition: typing leads where graph says", typedTurn.Quote())

	for _, tap := range []struct {
		name string
		msg  func(phone string) fixtures.Message
	}{
		{"a button reply", func(p string) fixtures.Message { return fixtures.ButtonReply(p, step.Intent, title) }},
		{"a list reply", func(p string) fixtures.Message { return fixtures.ListReply(p, step.Intent, title, "") }},
		{"a template quick-reply button", func(p string) fixtures.Message { return fixtures.TemplateButton(p, step.Intent, title) }},
	} {
		t.Run(tap.name+" lands where typing does", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			tg.Say(t, phone, hello)
			tu := tg.Deliver(t, fixtures.Delivery(tap.msg(phone)).JSON())
			tu.Sent = tap.name + " " + step.Intent + "/" + title

			got := tg.Session(t, phone)
			assert.Equal(t, want.State, got.State, "%s: typing %q leads to %q", tu.Quote(), title, want.State)
			assert.Equal(t, want.Phase, got.Phase, "%s: typing %q leads to phase %q", tu.Quote(), title, want.Phase)
			assert.NotEmpty(t, tu.Replies, "%s: a tap must be answered", tu.Quote())
			assert.Equal(t, collapse(tg.PhasePath(t, typed)), collapse(tg.PhasePath(t, phone)), "the tap must leave the same phase path as typing")
		})
	}
}
