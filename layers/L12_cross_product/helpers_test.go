package l12crossproduct_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// forEachBot runs f for every bot of the bots directory, each a parallel
// subtest named after the bot, on the bot's shared target.
func forEachBot(t *testing.T, f func(t *testing.T, tg *testutil.Target)) {
	t.Helper()
	for _, m := range testutil.AllManifests(t) {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			f(t, testutil.OpenBot(t, m))
		})
	}
}

// forEachBotAndLanguage runs f for every bot of the bots directory in each
// of its languages: forEachBot, and forEachLanguage in each bot
// ("voyachat/in_es").
func forEachBotAndLanguage(t *testing.T, f func(t *testing.T, tg *testutil.Target, lang string)) {
	t.Helper()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		forEachLanguage(t, tg, func(t *testing.T, lang string) { f(t, tg, lang) })
	})
}

// forEachLanguage runs f for each of the bot's languages, the default
// first, each a parallel subtest ("in_es").
func forEachLanguage(t *testing.T, tg *testutil.Target, f func(t *testing.T, lang string)) {
	t.Helper()
	for _, lang := range tg.M.Languages() {
		t.Run("in_"+lang, func(t *testing.T) {
			t.Parallel()
			f(t, lang)
		})
	}
}

// dataState is the state nearest to graph.initial in which the bot asks
// for personal data (the first state of a graph.personal_data_phases
// phase): the middle of a real conversation, past the consent.
func dataState(t testing.TB, m *bots.Manifest) string {
	t.Helper()
	best := m.NearestState(func(s string) bool { return slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(s)) })
	if best == "" {
		t.Skipf("%s: graph.personal_data_phases names no reachable phase, so there is no mid-conversation state to test in", m.File())
	}
	return best
}

// places are where a global request is tried: a fresh phone (the initial
// state, no session yet) and a phone in the middle of giving its data.
func places(t testing.TB, m *bots.Manifest) []string {
	t.Helper()
	return []string{m.Graph.Initial, dataState(t, m)}
}

// phoneIn returns a fresh phone driven to state (graph.initial: untouched).
func phoneIn(t testing.TB, tg *testutil.Target, state, lang string) string {
	t.Helper()
	phone := tg.Phone(t)
	if state != tg.M.Graph.Initial {
		tg.DriveTo(t, phone, state, lang)
	}
	return phone
}

// stateOf is the phone's state, graph.initial when it has no session yet.
func stateOf(t testing.TB, tg *testutil.Target, phone string) string {
	t.Helper()
	if s := tg.Session(t, phone); s.Exists {
		return s.State
	}
	return tg.M.Graph.Initial
}

// assertNoHumanClaim fails when the turn's reply claims to be a person.
func assertNoHumanClaim(t testing.TB, m *bots.Manifest, tu *testutil.Turn) {
	t.Helper()
	if match, ok := bots.FirstMatch(m.Patterns().HumanClaims, tu.Text()); ok {
		assert.Fail(t, "the bot claims to be a person", "%s: %q matches persona.human_claims of %s: an AI must never say it is human", tu.Quote(), match, m.File())
	}
}

// assertKeepsState fails when the turn moved the phone out of state.
func assertKeepsState(t testing.TB, tg *testutil.Target, phone, state string, tu *testutil.Turn, what string) {
	t.Helper()
	assert.Equal(t, state, stateOf(t, tg, phone), "%s: %s must keep the conversation where it was (intents.global of %s)", tu.Quote(), what, tg.M.File())
}

// requireReply stops the test when the turn got no reply.
func requireReply(t testing.TB, tu *testutil.Turn, what string) {
	t.Helper()
	require.NotEmpty(t, tu.Replies, "%s: %s must be answered", tu.Quote(), what)
}
