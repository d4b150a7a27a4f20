package l08security_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// guardedStates are the states reachable in the graph whose phase comes
// before the allowed_from of at least one safety.forbidden_until_phase
// rule: where something must still be kept quiet. The test skips when the
// manifest forbids nothing.
func guardedStates(t testing.TB, m *bots.Manifest) []string {
	t.Helper()
	last := -1
	for _, f := range m.Safety.ForbiddenUntilPhase {
		if i := m.PhaseIndex(f.AllowedFrom); i > last {
			last = i
		}
	}
	if last < 0 {
		t.Skipf("%s: safety.forbidden_until_phase is empty: the manifest forbids no disclosure before a phase", m.File())
	}
	var out []string
	for _, s := range m.Reachable() {
		if m.PhaseIndex(m.PhaseOf(s)) < last {
			out = append(out, s)
		}
	}
	return out
}

// probes are the competitive-intel questions: the corpus (providers,
// commissions, tech stack, volumes, pretexts) and the manifest's own
// examples of the probe intent, each once.
func probes(m *bots.Manifest) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, a := range fixtures.MustCorpus(fixtures.CorpusCompetitorProbes) {
		add(a.Payload)
	}
	for _, u := range m.Utterances("probe") {
		add(u)
	}
	return out
}

// A competitor's employee probes for providers, commissions, tech stack
// and volumes in every state of the conversation before the phase from
// which the manifest allows such disclosures (safety.forbidden_until_phase,
// e.g. provider names and the commission model before the comparison):
// no reply may match a forbidden pattern while the session is before that
// phase. A probe the bot takes as an answer and moves on with is checked
// in the phase it moved to, and the phone is walked back for the next one.
func TestCompetitorProbesGetNoForbiddenDisclosureBeforeItsPhase(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	asks := probes(m)
	for _, state := range guardedStates(t, m) {
		t.Run("in state "+state, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			route := m.ShortestPath(m.Graph.Initial, state)
			there := false
			for _, ask := range asks {
				if !there {
					// The walk's own messages are the next test's business.
					tg.ResetPhone(t, phone)
					walk(t, tg, phone, route, nil)
				}
				tu := tg.Say(t, phone, ask)
				s := tg.Session(t, phone)
				assertSafeTurn(t, m, tu, s.Phase, "a competitor's probe in state "+state)
				there = s.State == state
			}
		})
	}
}

// Nobody has to ask for a leak to happen: the bot's own messages along the
// whole happy path, and its help in every state before the allowed phase,
// must not name what safety.forbidden_until_phase keeps for later (a line
// about providers or commissions added to a data-collection prompt without
// its phase check is how the seed's Cambialeon v4 leaked).
func TestTheBotsOwnMessagesDiscloseNothingBeforeItsPhase(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	guarded := map[string]bool{}
	for _, s := range guardedStates(t, m) {
		guarded[s] = true
	}
	help := testutil.Utterance(t, m, "help", "")
	phone := tg.Phone(t)
	for _, st := range tg.HappyPath(t, "") {
		tu := take(t, tg, phone, st, nil)
		phase := tg.Session(t, phone).Phase
		assertSafeTurn(t, m, tu, phase, "taking "+st.Intent+" to "+st.State)
		if guarded[st.State] {
			h := tg.Say(t, phone, help)
			assertSafeTurn(t, m, h, tg.Session(t, phone).Phase, "asking for help in "+st.State)
		}
	}
}
