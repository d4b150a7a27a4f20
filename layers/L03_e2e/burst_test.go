package l03e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// burstSize is how many messages one customer fires off at once: a
// time-pressed customer typing in pieces.
const burstSize = 8

// burst builds n distinct messages from phone, each in its own delivery:
// the fallback examples, numbered, so every stored row can be told apart.
func burst(t testing.TB, tg *testutil.Target, phone string, n int) (texts []string, bodies [][]byte, wamids []string) {
	t.Helper()
	base := testutil.Utterance(t, tg.M, tg.M.Intents.Fallback, "")
	for i := range n {
		text := fmt.Sprintf("%s %d", base, i+1)
		msg := fixtures.Text(phone, text)
		texts = append(texts, text)
		bodies = append(bodies, fixtures.Delivery(msg).JSON())
		wamids = append(wamids, msg.ID)
	}
	return texts, bodies, wamids
}

func TestABurstOfMessagesFromOnePhoneKeepsTheirOrderAndLosesNone(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	if tg.M.Intents.Fallback == "" {
		t.Skipf("%s: intents.fallback is not set, so there are no examples of free text to fire off", tg.M.File())
	}

	t.Run("fired off one after another without waiting for answers", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		texts, bodies, wamids := burst(t, tg, phone, burstSize)
		for _, body := range bodies {
			resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
			require.Equal(t, 2, resp.Status/100, "a signed message in a burst must be accepted; got %s", resp)
		}
		tu := tg.WaitTurn(t, phone, 0, wamids...)
		require.True(t, tu.Settled, "the bot did not finish the burst of %d messages within the wait budget", burstSize)

		assert.Equal(t, texts, inboundBodies(t, tg, phone), "the bot must store the burst's messages once each, in the order they were sent")
		assert.GreaterOrEqual(t, len(tu.Replies), burstSize, "each of the %d messages must get its reply, got %d replies: %q", burstSize, len(tu.Replies), tu.Text())
		testutil.AssertHealthy(t, tg, "a burst of messages sent one after the other")
	})

	t.Run("sent all at once", func(t *testing.T) {
		t.Parallel()
		phone := tg.Phone(t)
		texts, bodies, wamids := burst(t, tg, phone, burstSize)
		// Each request's span: a message whose answer came back before
		// another was sent arrived first, whatever happened in between.
		spans := make([]struct{ sent, answered time.Time }, len(bodies))
		g, ctx := errgroup.WithContext(context.Background())
		for i, body := range bodies {
			g.Go(func() error {
				spans[i].sent = time.Now()
				resp, err := tg.Target.PostWhatsApp(ctx, body, tg.SignWhatsApp(body), http.Header{})
				spans[i].answered = time.Now()
				if err != nil {
					return fmt.Errorf("message %d of the burst: %w", i+1, err)
				}
				if resp.Status/100 != 2 {
					return fmt.Errorf("message %d of the burst was refused: %s", i+1, resp)
				}
				return nil
			})
		}
		require.NoError(t, g.Wait())
		tu := tg.WaitTurn(t, phone, 0, wamids...)
		require.True(t, tu.Settled, "the bot did not finish the burst of %d messages within the wait budget", burstSize)

		stored := inboundBodies(t, tg, phone)
		assert.ElementsMatch(t, texts, stored, "every message of the burst must be stored exactly once")
		at := map[string]int{}
		for i, s := range stored {
			at[s] = i
		}
		for i := range texts {
			for j := range texts {
				if spans[i].answered.Before(spans[j].sent) {
					assert.Less(t, at[texts[i]], at[texts[j]],
						"%q was answered before %q was sent, yet is stored after it: %q", texts[i], texts[j], stored)
				}
			}
		}
		assert.GreaterOrEqual(t, len(tu.Replies), burstSize, "each of the %d messages must get its reply, got %d replies: %q", burstSize, len(tu.Replies), tu.Text())
		s := tg.Session(t, phone)
		if assert.True(t, s.Exists, "a burst from a new phone must leave it a session") {
			assert.Contains(t, tg.M.Graph.States, s.State, "the burst left the session in a state the manifest does not know")
			assert.Equal(t, tg.M.PhaseOf(tg.M.Graph.Initial), firstOr(tg.PhasePath(t, phone)), "racing first messages must still start one session at the initial phase")
		}
		testutil.AssertHealthy(t, tg, "a burst of messages sent all at once")
	})
}

func inboundBodies(t testing.TB, tg *testutil.Target, phone string) []string {
	t.Helper()
	return bodies(tg.Inbound(t, phone))
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
