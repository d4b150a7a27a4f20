package l10regression_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// runRegression replays the regression id against the bot under test, on a
// phone of its own, and runs its checks. Every named test calls it with its
// row's id (TestEveryRegressionHasANamedTest reads those calls).
func runRegression(t *testing.T, id string) {
	t.Helper()
	t.Parallel()
	r := regressionByID(t, id)
	tg := testutil.Open(t)
	t.Logf("regression %s: %s (found %s by %s on %s; fix: %s)", r.ID, r.Title, r.Found, r.Scenario, r.FoundOn, r.Fix)
	if len(r.Bots) > 0 && !slices.Contains(r.Bots, tg.M.Name) {
		t.Skipf("%s: %s was found on %s and applies to %s, not to %s", r.file, r.ID, r.FoundOn, strings.Join(r.Bots, ", "), tg.M.Name)
	}
	rp := &replay{r: r, tg: tg, m: tg.M, lang: tg.Language(r.Language)}
	if reason := rp.inapplicable(); reason != "" {
		t.Skip(reason)
	}
	rp.phone = tg.Phone(t)
	for i := range r.Conversation {
		rp.play(t, i)
	}
	for _, c := range r.Checks {
		rp.check(t, c)
	}
}

// replay is one regression being played on one phone.
type replay struct {
	r     *regression
	tg    *testutil.Target
	m     *bots.Manifest
	lang  string
	phone string
	said  []said

	lastBody  []byte // the last message delivered, for a redelivery
	lastWamid string
}

// said is one turn: what the customer did and what the bot did about it.
type said struct {
	step          string // the step's name, or what it was
	lang          string
	sent          string
	replies       []testutil.Reply
	before, after testutil.Session
	consented     bool // a granted consent was on record after the turn
}

func (s said) text() string {
	parts := make([]string, len(s.replies))
	for i, r := range s.replies {
		parts[i] = r.Body
	}
	return strings.Join(parts, "\n")
}

func (s said) quote() string {
	where := fmt.Sprintf("(state %s, phase %s)", s.after.State, s.after.Phase)
	if len(s.replies) == 0 {
		return fmt.Sprintf("step %s: sent %q, the bot sent no reply %s", s.step, s.sent, where)
	}
	return fmt.Sprintf("step %s: sent %q, the bot answered %q %s", s.step, s.sent, s.text(), where)
}

// inapplicable says why the row cannot be played against this bot (from
// its manifest), or "" when it can.
func (rp *replay) inapplicable() string {
	m := rp.m
	for i, s := range rp.r.Conversation {
		lang := rp.stepLang(s)
		if !slices.Contains(m.Persona.Languages, lang) {
			return fmt.Sprintf("%s: persona.languages has no %q, which conversation[%d] of %s speaks", m.File(), lang, i, rp.r.file)
		}
		switch {
		case s.Intent != "":
			if _, err := rp.utterance(s); err != nil {
				return err.Error()
			}
		case len(s.WalkToPhase) > 0:
			if walkPhase(m, s.WalkToPhase) == "" {
				return fmt.Sprintf("%s: graph.phases has none of %v, where conversation[%d] of %s walks to", m.File(), s.WalkToPhase, i, rp.r.file)
			}
		case s.Redeliver:
			if _, err := rp.fenceText(); err != nil {
				return err.Error()
			}
		}
	}
	for i, c := range rp.r.Checks {
		if reason := rp.checkInapplicable(c); reason != "" {
			return fmt.Sprintf("checks[%d] (%s) of %s cannot apply: %s", i, c.Rule, rp.r.file, reason)
		}
	}
	return ""
}

func (rp *replay) checkInapplicable(c check) string {
	m := rp.m
	switch c.Rule {
	case "no_disclosure_before_phase", "disclosed_once_allowed":
		if len(rp.gated(c)) == 0 {
			return fmt.Sprintf("%s: safety.forbidden_until_phase has no rule whose what matches %s", m.File(), c.Disclosure)
		}
	case "consent_text_matches":
		if m.Observe.ConsentSQL == "" {
			return fmt.Sprintf("%s: observe.consent_sql is not set", m.File())
		}
	case "consent_before_personal_data":
		switch {
		case m.Graph.ConsentPhase == "" || len(m.Graph.PersonalDataPhases) == 0:
			return fmt.Sprintf("%s: graph.consent_phase or graph.personal_data_phases is not set", m.File())
		case m.Observe.ConsentSQL == "":
			return fmt.Sprintf("%s: observe.consent_sql is not set", m.File())
		}
	case "reply_language":
		if !testutil.CanGuessLanguage(rp.lang) {
			return fmt.Sprintf("the language guess knows %v, not %q", testutil.GuessableLanguages, rp.lang)
		}
	}
	if c.Patterns != "" && len(manifestPatterns[c.Patterns](m.Patterns())) == 0 {
		return fmt.Sprintf("%s: %s is empty", m.File(), c.Patterns)
	}
	return ""
}

func (rp *replay) stepLang(s step) string {
	if s.Lang != "" {
		return s.Lang
	}
	return rp.lang
}

// utterance is the step's intent as the manifest words it in the step's
// language: the first example (matching the step's pattern, when it has one).
func (rp *replay) utterance(s step) (string, error) {
	lang := rp.stepLang(s)
	examples := rp.m.Intents.Utterances[s.Intent][lang]
	for _, u := range examples {
		if s.Matching == "" || regexp.MustCompile(s.Matching).MatchString(u) {
			return u, nil
		}
	}
	if s.Matching != "" {
		return "", fmt.Errorf("%s: no example of intents.utterances.%s.%s matches %s", rp.m.File(), s.Intent, lang, s.Matching)
	}
	return "", fmt.Errorf("%s: intents.utterances.%s.%s is empty", rp.m.File(), s.Intent, lang)
}

// fenceText is a message that keeps the state (help, else the fallback),
// sent after a redelivery so that whatever the redelivery caused has landed
// before its replies are counted.
func (rp *replay) fenceText() (string, error) {
	m := rp.m
	for _, intent := range []string{"help", m.Intents.Fallback} {
		next, global := m.Intents.Global[intent]
		if intent == "" || (intent == "help" && (!global || next != "")) {
			continue
		}
		if u := m.Utterance(intent, rp.lang); u != "" {
			return u, nil
		}
	}
	return "", fmt.Errorf("%s: a redelivery needs a message that keeps the state to follow it: intents.global.help (staying) or intents.fallback, with an utterance in %s", m.File(), rp.lang)
}

// play performs conversation step i.
func (rp *replay) play(t *testing.T, i int) {
	t.Helper()
	s := rp.r.Conversation[i]
	name := s.Name
	if name == "" {
		name = fmt.Sprintf("%d", i+1)
	}
	switch {
	case s.Say != "":
		rp.deliver(t, name, rp.stepLang(s), s.Say)
	case s.Intent != "":
		text, err := rp.utterance(s)
		require.NoError(t, err)
		rp.deliver(t, name, rp.stepLang(s), text)
	case len(s.WalkToPhase) > 0:
		rp.walk(t, name, walkPhase(rp.m, s.WalkToPhase))
	case s.Redeliver:
		rp.redeliver(t, name)
	}
}

// deliver sends text as a fresh WhatsApp message and records the turn.
func (rp *replay) deliver(t *testing.T, name, lang, text string) {
	t.Helper()
	before := rp.tg.Session(t, rp.phone)
	msg := fixtures.Text(rp.phone, text)
	body := fixtures.Delivery(msg).JSON()
	tu := rp.tg.Deliver(t, body)
	require.True(t, tu.Settled, "step %s: %s: the bot did not finish its turn within %s", name, tu.Quote(), tu.Waited)
	rp.lastBody, rp.lastWamid = body, msg.ID
	rp.record(t, said{step: name, lang: lang, sent: text, replies: tu.Replies, before: before})
}

// walk moves the phone along the manifest's shortest path to the nearest
// state of phase, one recorded turn per step.
func (rp *replay) walk(t *testing.T, name, phase string) {
	t.Helper()
	from := rp.tg.Session(t, rp.phone).State
	if from == "" {
		from = rp.m.Graph.Initial
	}
	var path []bots.Step
	for _, st := range rp.m.Reachable() {
		if rp.m.Graph.States[st].Phase != phase {
			continue
		}
		if p := rp.m.ShortestPath(from, st); p != nil && (path == nil || len(p) < len(path)) {
			path = p
		}
	}
	require.NotNil(t, path, "step %s: no state of phase %s can be reached from %s in %s", name, phase, from, rp.m.File())
	for _, st := range path {
		l := rp.tg.Move(t, rp.phone, st.Intent, rp.lang)
		require.NoError(t, l.Err(), "step %s, walking to phase %s", name, phase)
		rp.lastBody = nil // a walk's messages are not kept for redelivery
		rp.record(t, said{step: name + ": " + st.Intent, lang: rp.lang, sent: l.Turn.Sent, replies: l.Turn.Replies, before: l.From})
	}
}

// redeliver posts the last message again, signed, with its WhatsApp id.
func (rp *replay) redeliver(t *testing.T, name string) {
	t.Helper()
	require.NotNil(t, rp.lastBody, "step %s: nothing to redeliver: it must follow a say or intent step", name)
	tg, phone := rp.tg, rp.phone
	before := tg.Session(t, phone)
	cursor := tg.Cursor(t, phone)
	resp := tg.PostWhatsApp(t, rp.lastBody, tg.SignWhatsApp(rp.lastBody))
	require.Equal(t, 2, resp.Status/100, "step %s: a redelivery must be acknowledged with 2xx, or Meta keeps retrying; got %s", name, resp)
	tg.WaitTurn(t, phone, cursor, rp.lastWamid)
	fenceText, err := rp.fenceText()
	require.NoError(t, err)
	fence := tg.Say(t, phone, fenceText)
	var caused []testutil.Reply
	for _, r := range tg.Replies(t, phone) {
		if r.ID > cursor && !slices.ContainsFunc(fence.Replies, func(f testutil.Reply) bool { return f.ID == r.ID }) {
			caused = append(caused, r)
		}
	}
	rp.record(t, said{step: name, lang: rp.lang, sent: "[the same message again, id " + rp.lastWamid + "]", replies: caused, before: before})
}

// record completes a turn with the session after it (and the consent on
// record, when a check needs it) and keeps it.
func (rp *replay) record(t *testing.T, s said) {
	t.Helper()
	s.after = rp.tg.Session(t, rp.phone)
	if rp.needsConsents() {
		for _, c := range rp.tg.Consents(t, rp.phone) {
			s.consented = s.consented || c.Granted
		}
	}
	rp.said = append(rp.said, s)
}

func (rp *replay) needsConsents() bool {
	return slices.ContainsFunc(rp.r.Checks, func(c check) bool { return c.Rule == "consent_before_personal_data" })
}

// walkPhase is the first of phases the manifest has ("" when none).
func walkPhase(m *bots.Manifest, phases []string) string {
	for _, p := range phases {
		if m.PhaseIndex(p) >= 0 {
			return p
		}
	}
	return ""
}
