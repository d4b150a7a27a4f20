package l11smoke_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheSmokeChecksPassThroughTheTunnelForSSHTargets(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	if m.Target.Kind != bots.TargetSSH {
		t.Skipf("target is %s, not ssh (target.kind in %s)", m.Target.Kind, m.File())
	}
	// For an ssh target every request and query of the Target goes through
	// the tunnel: the checks are the ones above, on the remote host.
	tg := testutil.Open(t)
	h := getHealth(t, tg)
	require.Equal(t, http.StatusOK, h.resp.Status, "GET %s on %s through the tunnel answered %s", m.Endpoints.Health, m.Target.SSH.Host, h.resp)
	assert.True(t, h.dbOK(), "the remote bot reports its database %q", h.text("db"))
	assert.NotEmpty(t, h.text("version"), "the remote bot reports no version: %s", h.resp)
	right := tg.Handshake(t, "1158201444", true)
	assert.Equal(t, "1158201444", right.Body, "the remote handshake answered %s", right)
	turn := tg.Say(t, tg.Phone(t), m.Opening())
	assert.NotEmpty(t, turn.Replies, "the remote bot did not answer through the tunnel: %s", turn.Quote())
	assert.LessOrEqual(t, turn.Waited, m.Budgets.Reply(), "the remote reply took %v: %s", turn.Waited, turn.Quote())
}
