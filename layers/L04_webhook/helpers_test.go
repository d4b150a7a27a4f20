package l04webhook_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// utterance is an example of intent from the manifest, in the bot's default
// language when it has one there: the tests drive the bot only with what the
// manifest says it understands.
func utterance(t *testing.T, m *bots.Manifest, intent string) string {
	t.Helper()
	langs := append([]string{m.Persona.DefaultLanguage}, m.Persona.Languages...)
	for _, lang := range langs {
		if u := m.Utterance(intent, lang); u != "" {
			return u
		}
	}
	for _, us := range m.Intents.Utterances[intent] {
		if len(us) > 0 {
			return us[0]
		}
	}
	t.Fatalf("%s: intents.utterances.%s has no example, so the test cannot say it", m.File(), intent)
	return ""
}

// driveTo walks phone from the initial state to state along the manifest's
// shortest path, one utterance per step, and checks every step landed where
// the manifest says (a precondition: the webhook tests need the session
// there, the graph itself is L07's business).
func driveTo(t *testing.T, tg *testutil.Target, phone, state string) {
	t.Helper()
	m := tg.M
	steps := m.ShortestPath(m.Graph.Initial, state)
	require.NotNil(t, steps, "%s: state %s cannot be reached from %s in graph.states", m.File(), state, m.Graph.Initial)
	for _, st := range steps {
		text := utterance(t, m, st.Intent)
		tu := tg.Say(t, phone, text)
		got := tg.Session(t, phone)
		require.Equal(t, st.State, got.State,
			"driving %s to %s: intent %s should lead to %s; %s", phone, state, st.Intent, st.State, tu.Quote())
	}
}

// consentState is the state that asks for consent (graph.consent_phase)
// and where "accept" moves on, with the state accept leads to. The test
// skips, naming the fields, when the graph has none.
func consentState(t *testing.T, m *bots.Manifest) (state, next string) {
	t.Helper()
	if state, next, ok := findConsentState(m); ok {
		return state, next
	}
	t.Skipf("%s: no state of graph.consent_phase %q has an accept intent in graph.states.*.on", m.File(), m.Graph.ConsentPhase)
	return "", ""
}

func findConsentState(m *bots.Manifest) (state, next string, ok bool) {
	for _, name := range sortedStates(m) {
		st := m.Graph.States[name]
		if st.Phase == m.Graph.ConsentPhase && st.On["accept"] != "" {
			return name, st.On["accept"], true
		}
	}
	return "", "", false
}

// paidState is the state waiting for the "paid" event (a Stripe checkout)
// and the state the payment leads to. The test skips when the graph takes
// no payment.
func paidState(t *testing.T, m *bots.Manifest) (state, next string) {
	t.Helper()
	for _, name := range sortedStates(m) {
		if next := m.Graph.States[name].On["paid"]; next != "" {
			return name, next
		}
	}
	t.Skipf("%s: no state has a paid transition (graph.states.*.on.paid, intents.events), so no payment can move a session", m.File())
	return "", ""
}

func sortedStates(m *bots.Manifest) []string {
	names := make([]string, 0, len(m.Graph.States))
	for name := range m.Graph.States {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
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

// opening is what a new customer says first: an example of the first
// intent (in name order) that moves the initial state on.
func opening(t *testing.T, m *bots.Manifest) string {
	t.Helper()
	initial := m.Graph.States[m.Graph.Initial]
	require.NotNil(t, initial, "%s: graph.initial %q is not a state", m.File(), m.Graph.Initial)
	intents := make([]string, 0, len(initial.On))
	for intent := range initial.On {
		intents = append(intents, intent)
	}
	sort.Strings(intents)
	for _, intent := range intents {
		if len(m.Intents.Utterances[intent]) > 0 {
			return utterance(t, m, intent)
		}
	}
	t.Fatalf("%s: no intent of graph.states.%s.on has intents.utterances, so a conversation cannot be opened", m.File(), m.Graph.Initial)
	return ""
}
