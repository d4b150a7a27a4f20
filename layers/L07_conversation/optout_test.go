package l07conversation_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestOptingOutLeadsToTheStateTheManifestNamesFromEveryState(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	to := needGlobal(t, m, "stop")
	require.NotEmpty(t, to, "%s: intents.global.stop keeps the state; an opt-out must lead to a state of its own", m.File())

	xs := explore(t, tg, tg.Language(""), testutil.GlobalEdges, "stop")
	testutil.ReportExplorations(t, xs, func(t *testing.T, x testutil.Exploration) {
		l := x.Landing
		assert.True(t, l.Got.OptedOut, "after stop in %s the session is in %s but not marked opted out: %s", x.From, l.Got.State, l.Turn.Quote())
		if l.From.OptedOut {
			assert.Empty(t, l.Turn.Replies, "the phone had already opted out, yet the bot answered: %s", l.Turn.Quote())
		} else {
			assert.Len(t, l.Turn.Replies, 1, "opting out must be confirmed once: %s", l.Turn.Quote())
		}
	})
}

func TestAnOptedOutCustomerHearsNothingUntilTheyOptBackIn(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	lang := tg.Language("")
	optedOut := needGlobal(t, m, "stop")
	back := m.Graph.States[optedOut]
	require.NotNil(t, back, "%s: intents.global.stop leads to %q, which is not a state", m.File(), optedOut)
	var start, returnsTo string
	for intent, next := range back.On {
		start, returnsTo = intent, next
	}
	if start == "" || len(back.On) != 1 {
		t.Skipf("%s: graph.states.%s.on should name exactly one way back (start), it names %v", m.File(), optedOut, back.On)
	}

	phone := tg.Phone(t)
	path := tg.HappyPath(t, lang)
	tg.DriveTo(t, phone, path[0].State, lang)
	require.NoError(t, tg.Move(t, phone, "stop", lang).Err())

	// A greeting, a call for help and a call for a human are all ignored.
	for _, intent := range []string{path[0].Intent, "help", "human"} {
		text, err := tg.UtteranceOf(intent, lang)
		if err != nil {
			continue
		}
		tu := tg.Say(t, phone, text)
		s := tg.Session(t, phone)
		assert.Empty(t, tu.Replies, "the customer opted out, then wrote %q: nothing may be sent until %s, yet %s", text, start, tu.Quote())
		assert.Equal(t, optedOut, s.State, "an opted-out customer wrote %q and the session moved: %s", text, tu.Quote())
	}

	l := tg.Move(t, phone, start, lang)
	require.NoError(t, l.Err(), "opting back in")
	assert.Equal(t, returnsTo, l.Got.State)
	assert.False(t, l.Got.OptedOut, "after %s the session is still marked opted out: %s", start, l.Turn.Quote())
	assert.NotEmpty(t, l.Turn.Replies, "opting back in must be answered: %s", l.Turn.Quote())
}
