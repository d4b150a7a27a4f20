package l12crossproduct_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// WhatsApp's business policy and the Spanish LSSI: a customer who says
// STOP or BAJA gets one confirmation and then nothing, until they opt back in.
func TestStopOrBajaOptsTheCustomerOutAndNothingMoreIsSent(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		requireStop(t, m)
		mid := dataState(t, m)
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			for i, stop := range testutil.Examples(t, m, "stop", lang) {
				t.Run(stop, func(t *testing.T) {
					t.Parallel()
					phone := phoneIn(t, tg, mid, lang)
					optOut(t, tg, phone, stop)
					if i == 0 {
						assertSilent(t, tg, phone, lang)
						return
					}
					// Every wording opts out the same way; one later message
					// shows it took.
					tu := tg.Say(t, phone, testutil.Utterance(t, m, "hello", lang))
					assert.Empty(t, tu.Replies, "%s: the customer opted out with %q, so the bot must send nothing more", tu.Quote(), stop)
				})
			}
		})
	})
}

// A bot that keeps its sessions in memory forgets an opt-out when it
// restarts, and writes again to someone who asked it to stop. The test is
// not parallel, so it restarts each bot's shared target before the parallel
// tests start; its subtests, one bot each, run side by side.
func TestAnOptOutSurvivesARestartOfTheBot(t *testing.T) {
	for _, m := range testutil.AllManifests(t) {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			requireStop(t, m)
			tg := testutil.OpenBot(t, m)
			if !tg.CanRestart() {
				t.Skipf("%s: target %s cannot be restarted (set target.restart)", m.File(), m.Target.Kind)
			}
			lang := tg.Language("")
			phone := phoneIn(t, tg, dataState(t, m), lang)
			optOut(t, tg, phone, testutil.Utterance(t, m, "stop", lang))

			tg.Restart(t)

			require.True(t, tg.Session(t, phone).Exists, "after a restart the opted-out session of %s must still be there", phone)
			assertSilent(t, tg, phone, lang)
		})
	}
}

func requireStop(t testing.TB, m *bots.Manifest) {
	t.Helper()
	if _, ok := m.Intents.Global["stop"]; !ok {
		t.Skipf("%s: intents.global has no stop intent", m.File())
	}
}

// optOut says stop and checks the bot confirmed it once and stored it.
func optOut(t testing.TB, tg *testutil.Target, phone, stop string) {
	t.Helper()
	tu := tg.Say(t, phone, stop)
	assert.Len(t, tu.Replies, 1, "%s: an opt-out gets exactly one confirmation", tu.Quote())
	s := tg.Session(t, phone)
	require.True(t, s.OptedOut, "%s: the session must be stored as opted out (state %s)", tu.Quote(), s.State)
	if want := tg.M.Intents.Global["stop"]; want != "" {
		assert.Equal(t, want, s.State, "%s: intents.global says stop leads to %s", tu.Quote(), want)
	}
}

// assertSilent sends what a customer might write after opting out (help,
// a greeting, the fallback) and checks that none of it is answered and the
// opt-out holds.
func assertSilent(t testing.TB, tg *testutil.Target, phone, lang string) {
	t.Helper()
	m := tg.M
	for _, intent := range []string{"help", "hello", m.Intents.Fallback, "human"} {
		text := m.Utterance(intent, lang)
		if text == "" {
			continue
		}
		tu := tg.Say(t, phone, text)
		assert.Empty(t, tu.Replies, "%s: the customer opted out, so the bot must send nothing more", tu.Quote())
		assert.True(t, tg.Session(t, phone).OptedOut, "%s: a message after the opt-out must not undo it (only start may)", tu.Quote())
	}
}
