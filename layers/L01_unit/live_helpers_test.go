package l01unit_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// assertNothingStored checks, through the manifest's observe SQL, that the
// bot holds nothing for phone: no session, no reply, no inbound message.
// why says what should have kept the message out.
func assertNothingStored(t *testing.T, tg *testutil.Target, phone, why string) {
	t.Helper()
	s := tg.Session(t, phone)
	assert.False(t, s.Exists, "%s, yet the bot has a session for %s (state %q, phase %q)", why, phone, s.State, s.Phase)
	assert.Empty(t, tg.Replies(t, phone), "%s, yet the bot replied to %s", why, phone)
	if tg.M.Observe.InboundSQL != "" {
		assert.Empty(t, tg.Inbound(t, phone), "%s, yet the bot stored a message from %s", why, phone)
	}
}
