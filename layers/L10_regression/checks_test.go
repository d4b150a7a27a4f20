package l10regression_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// check runs one of the row's checks over the replayed conversation. Each
// failure names the regression, the rule broken, the step, what was sent
// and what the bot answered.
func (rp *replay) check(t *testing.T, c check) {
	t.Helper()
	broken := fmt.Sprintf("regression %s (found %s by %s) is back, rule %s broken (%s)", rp.r.ID, rp.r.Found, rp.r.Scenario, c.Rule, rules[c.Rule])
	switch c.Rule {
	case "no_disclosure_before_phase":
		rp.noDisclosureBeforePhase(t, c, broken)
	case "disclosed_once_allowed":
		rp.disclosedOnceAllowed(t, c, broken)
	case "reply_matches":
		s := rp.step(t, c.Step)
		pats := rp.patterns(c)
		_, ok := bots.FirstMatch(pats, s.text())
		assert.True(t, ok, "%s; %s; it matches none of %s", broken, s.quote(), rp.patternsName(c))
	case "no_reply_matches":
		pats := rp.patterns(c)
		for _, s := range rp.said {
			if match, ok := bots.FirstMatch(pats, s.text()); ok {
				assert.Fail(t, broken, "%s; %q matches %s", s.quote(), match, rp.patternsName(c))
			}
		}
	case "consent_text_matches":
		rp.consentTextMatches(t, c, broken)
	case "consent_before_personal_data":
		rp.consentBeforePersonalData(t, broken)
	case "reply_language":
		rp.replyLanguage(t, broken)
	case "replied":
		s := rp.step(t, c.Step)
		assert.NotEmpty(t, s.replies, "%s; %s", broken, s.quote())
	case "no_reply":
		s := rp.step(t, c.Step)
		assert.Empty(t, s.replies, "%s; %s", broken, s.quote())
	case "keeps_state":
		s := rp.step(t, c.Step)
		assert.Equal(t, s.before.State, s.after.State, "%s; %s, but it was in %s before", broken, s.quote(), s.before.State)
	case "session":
		got := rp.tg.Session(t, rp.phone)
		assert.Equal(t, *c.OptedOut, got.OptedOut, "%s; after the conversation the session's opted_out is %v, want %v; last turn: %s", broken, got.OptedOut, *c.OptedOut, rp.said[len(rp.said)-1].quote())
	default:
		t.Fatalf("%s: rule %q unknown", rp.r.file, c.Rule)
	}
}

// step is the recorded turn of the named step.
func (rp *replay) step(t *testing.T, name string) said {
	t.Helper()
	for _, s := range rp.said {
		if s.step == name {
			return s
		}
	}
	require.Failf(t, "no such step", "%s: no conversation step is named %q", rp.r.file, name)
	return said{}
}

func (rp *replay) patterns(c check) []*regexp.Regexp {
	if c.Pattern != "" {
		return []*regexp.Regexp{regexp.MustCompile(c.Pattern)}
	}
	return manifestPatterns[c.Patterns](rp.m.Patterns())
}

func (rp *replay) patternsName(c check) string {
	if c.Pattern != "" {
		return fmt.Sprintf("the pattern %s of %s", c.Pattern, rp.r.file)
	}
	return fmt.Sprintf("%s of %s", c.Patterns, rp.m.File())
}

// gated are the manifest's forbidden-until-phase rules the check is about.
func (rp *replay) gated(c check) []bots.ForbiddenRule {
	re := regexp.MustCompile(c.Disclosure)
	var out []bots.ForbiddenRule
	for _, f := range rp.m.Forbidden() {
		if re.MatchString(f.What) {
			out = append(out, f)
		}
	}
	return out
}

// noDisclosureBeforePhase reads every reply in the phase the conversation
// was in when the bot said it (the session's phase after the turn: the bot
// may name the providers in the very reply that shows the comparison).
func (rp *replay) noDisclosureBeforePhase(t *testing.T, c check, broken string) {
	t.Helper()
	gated := rp.gated(c)
	for _, s := range rp.said {
		for _, l := range rp.m.Leaks(s.after.Phase, s.text()) {
			if !slices.ContainsFunc(gated, func(f bots.ForbiddenRule) bool { return f.What == l.What }) {
				continue
			}
			assert.Fail(t, broken, "%s; it tells the %s (%q) in phase %s, but %s allows them only from %s",
				s.quote(), l.What, l.Match, s.after.Phase, rp.m.File(), l.AllowedFrom)
		}
	}
}

func (rp *replay) disclosedOnceAllowed(t *testing.T, c check, broken string) {
	t.Helper()
	s := rp.step(t, c.Step)
	for _, f := range rp.gated(c) {
		require.GreaterOrEqual(t, rp.m.PhaseIndex(s.after.Phase), rp.m.PhaseIndex(f.AllowedFrom),
			"%s: precondition: step %s must be played once the %s are allowed (phase %s), but the session is in phase %s", rp.r.file, c.Step, f.What, f.AllowedFrom, s.after.Phase)
		_, ok := bots.FirstMatch(f.Patterns, s.text())
		assert.True(t, ok, "%s; %s; in phase %s the %s may be told and were asked for, but the reply matches none of the patterns of %s",
			broken, s.quote(), s.after.Phase, f.What, rp.m.File())
	}
}

func (rp *replay) consentTextMatches(t *testing.T, c check, broken string) {
	t.Helper()
	consents := rp.tg.Consents(t, rp.phone)
	require.NotEmpty(t, consents, "%s: precondition: the conversation must leave a consent on record (observe.consent_sql found none); last turn: %s", rp.r.file, rp.said[len(rp.said)-1].quote())
	pats := rp.patterns(c)
	for i, ct := range consents {
		_, ok := bots.FirstMatch(pats, ct.Text)
		assert.True(t, ok, "%s; consent %d on record (granted %v) shows %q, which matches none of %s", broken, i+1, ct.Granted, ct.Text, rp.patternsName(c))
	}
}

func (rp *replay) consentBeforePersonalData(t *testing.T, broken string) {
	t.Helper()
	m := rp.m
	personal := m.Graph.PersonalDataPhases
	reached := false
	for _, s := range rp.said {
		if !slices.Contains(personal, s.after.Phase) {
			continue
		}
		reached = true
		assert.True(t, s.consented, "%s; %s: the bot moved to personal-data phase %s with no granted consent on record", broken, s.quote(), s.after.Phase)
	}
	require.True(t, reached, "%s: precondition: the conversation must reach one of graph.personal_data_phases %v, or this check proves nothing; last turn: %s", rp.r.file, personal, rp.said[len(rp.said)-1].quote())

	path := rp.tg.PhasePath(t, rp.phone)
	consentAt := slices.Index(path, m.Graph.ConsentPhase)
	dataAt := slices.IndexFunc(path, func(p string) bool { return slices.Contains(personal, p) })
	assert.True(t, consentAt >= 0 && consentAt < dataAt, "%s; the phase path the bot recorded is %v: phase %s must come before the first of %v", broken, path, m.Graph.ConsentPhase, personal)
}

func (rp *replay) replyLanguage(t *testing.T, broken string) {
	t.Helper()
	told := 0
	for _, s := range rp.said {
		if len(s.replies) == 0 {
			continue
		}
		got := testutil.GuessLanguage(s.text())
		if got == "" {
			continue
		}
		told++
		assert.Equal(t, s.lang, got, "%s; %s: the customer wrote in %s, the reply reads as %s (stopwords %v)", broken, s.quote(), s.lang, got, testutil.LanguageScores(s.text()))
	}
	require.NotZero(t, told, "%s: precondition: at least one reply must be long enough to tell its language; replies: %s", rp.r.file, rp.transcript())
}

func (rp *replay) transcript() string {
	lines := make([]string, len(rp.said))
	for i, s := range rp.said {
		lines[i] = s.quote()
	}
	return strings.Join(lines, "; ")
}
