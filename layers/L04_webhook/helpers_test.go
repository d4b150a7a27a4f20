package l04webhook_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// consentEdge is the transition that gives consent: intent accept out of
// a state of graph.consent_phase, to another state (bots Edges, the first
// by state name); ok is false when the graph has none.
func consentEdge(m *bots.Manifest) (e bots.Edge, ok bool) {
	for _, e := range m.Edges(bots.OwnEdges) {
		if e.Intent == "accept" && e.To != e.From && m.PhaseOf(e.From) == m.Graph.ConsentPhase {
			return e, true
		}
	}
	return bots.Edge{}, false
}

// consentState is consentEdge's state that asks for consent and the state
// accept leads to. The test skips, naming the fields, when the graph has
// none.
func consentState(t *testing.T, m *bots.Manifest) (state, next string) {
	t.Helper()
	if e, ok := consentEdge(m); ok {
		return e.From, e.To
	}
	t.Skipf("%s: no state of graph.consent_phase %q has an accept intent in graph.states.*.on", m.File(), m.Graph.ConsentPhase)
	return "", ""
}

// needStripe skips a Stripe test for a bot without a Stripe webhook or a
// way to read its payments.
func needStripe(t *testing.T, tg *testutil.Target) {
	t.Helper()
	tg.Endpoint(t, "stripe")
	if tg.M.Observe.PaymentsSQL == "" {
		t.Skipf("%s: observe.payments_sql is not set in %s, so recorded payments cannot be read", tg.M.Name, tg.M.File())
	}
}

// internalError is what leaks when a bot answers a customer with its own
// failure: panics, stack frames, driver and SQL errors.
var internalError = regexp.MustCompile(`(?i)panic|runtime error|nil pointer|goroutine \d|traceback|exception|internal (?:server )?error|sqlstate|pgx|\.go:\d+|null reference`)

// assertGracefulReplies checks each reply is a real message for a person:
// not empty, and not the bot's own error showing through.
func assertGracefulReplies(t *testing.T, tu *testutil.Turn, what string) {
	t.Helper()
	for _, r := range tu.Replies {
		assert.NotEmpty(t, strings.TrimSpace(r.Body), "after %s the bot sent an empty reply; %s", what, tu.Quote())
		assert.NotRegexp(t, internalError, r.Body, "after %s the bot's reply shows an internal error; %s", what, tu.Quote())
	}
}
