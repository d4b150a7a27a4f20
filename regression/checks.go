package regression

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/langguess"
)

// checkAll runs every check of the row over the played conversation. The
// error is for what stopped a check from reading the bot (its database).
func (rp *replay) checkAll(ctx context.Context) ([]Outcome, error) {
	out := make([]Outcome, len(rp.r.Checks))
	for i, c := range rp.r.Checks {
		o := Outcome{Index: i, Check: c}
		if reason := checkInapplicable(rp.m, c, rp.lang); reason != "" {
			o.Status, o.Reason = Skipped, reason
			out[i] = o
			continue
		}
		broken, looked, precondition, err := rp.check(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("checks[%d] (%s): %w", i, c.Rule, err)
		}
		switch {
		case precondition != "":
			o.Status = Failed
			o.Reason = fmt.Sprintf("%s: checks[%d] (%s) proves nothing here: %s", rp.r.File, i, c.Rule, precondition)
			o.Evidence = []string{rp.transcript()}
		case len(broken) > 0:
			o.Status = Failed
			o.Reason = fmt.Sprintf("regression %s (found %s by %s) is back: rule %s broken (%s)", rp.r.ID, rp.r.Found, rp.r.Scenario, c.Rule, Rules[c.Rule])
			o.Evidence = broken
		default:
			o.Status, o.Evidence = Passed, looked
		}
		out[i] = o
	}
	return out, nil
}

// check runs one check. broken lists each place the rule was broken, with
// its evidence; looked, the turns a passing check read; precondition, why
// the conversation as played cannot show the rule either way (a failure
// too: the row must be fixed, or the bot no longer goes where the bug was).
func (rp *replay) check(ctx context.Context, c Check) (broken, looked []string, precondition string, err error) {
	one := func(s Turn, ok bool, why string) {
		if ok {
			looked = append(looked, s.Quote())
		} else {
			broken = append(broken, s.Quote()+"; "+why)
		}
	}
	var s Turn
	if c.Step != "" {
		var found bool
		if s, found = rp.step(c.Step); !found {
			return nil, nil, fmt.Sprintf("no turn of step %q was played", c.Step), nil
		}
	}
	switch c.Rule {
	case "no_disclosure_before_phase":
		broken, looked = rp.noDisclosureBeforePhase(c)
	case "disclosed_once_allowed":
		return rp.disclosedOnceAllowed(c, s)
	case "reply_matches":
		_, ok := bots.FirstMatch(rp.patterns(c), s.Text())
		one(s, ok, "it matches none of "+rp.patternsName(c))
	case "no_reply_matches":
		for _, s := range rp.turns {
			match, found := bots.FirstMatch(rp.patterns(c), s.Text())
			one(s, !found, fmt.Sprintf("%q matches %s", match, rp.patternsName(c)))
		}
	case "consent_text_matches":
		return rp.consentTextMatches(ctx, c)
	case "consent_before_personal_data":
		return rp.consentBeforePersonalData(ctx)
	case "reply_language":
		return rp.replyLanguage()
	case "replied":
		one(s, len(s.Replies) > 0, "the bot must answer it")
	case "no_reply":
		one(s, len(s.Replies) == 0, "the bot must not answer it")
	case "keeps_state":
		one(s, s.Before.State == s.After.State, fmt.Sprintf("it left state %s for %s; it must stay", s.Before.State, s.After.State))
	case "session":
		got, err := rp.tg.Session(ctx, rp.phone)
		if err != nil {
			return nil, nil, "", err
		}
		said := fmt.Sprintf("after the conversation the session's opted_out is %v", got.OptedOut)
		if n := len(rp.turns); n > 0 {
			said += "; last turn: " + rp.turns[n-1].Quote()
		}
		if got.OptedOut != *c.OptedOut {
			broken = append(broken, fmt.Sprintf("%s; want %v", said, *c.OptedOut))
		} else {
			looked = append(looked, said)
		}
	default:
		return nil, nil, "", fmt.Errorf("%s: rule %q unknown (%s)", rp.r.File, c.Rule, FormatDoc)
	}
	return broken, looked, "", nil
}

// step is the recorded turn of the named step.
func (rp *replay) step(name string) (Turn, bool) {
	for _, s := range rp.turns {
		if s.Step == name {
			return s, true
		}
	}
	return Turn{}, false
}

func (rp *replay) patterns(c Check) []*regexp.Regexp {
	if c.Pattern != "" {
		return []*regexp.Regexp{regexp.MustCompile(c.Pattern)}
	}
	return ManifestPatterns[c.Patterns](rp.m.Patterns())
}

func (rp *replay) patternsName(c Check) string {
	if c.Pattern != "" {
		return fmt.Sprintf("the pattern %s of %s", c.Pattern, rp.r.File)
	}
	return fmt.Sprintf("%s of %s", c.Patterns, rp.m.File())
}

// noDisclosureBeforePhase reads every reply in the phase the conversation
// was in when the bot said it (the session's phase after the turn: the bot
// may name the providers in the very reply that shows the comparison).
func (rp *replay) noDisclosureBeforePhase(c Check) (broken, looked []string) {
	g := gated(rp.m, c)
	for _, s := range rp.turns {
		leaked := false
		for _, l := range rp.m.Leaks(s.After.Phase, s.Text()) {
			if !slices.ContainsFunc(g, func(f bots.ForbiddenRule) bool { return f.What == l.What }) {
				continue
			}
			leaked = true
			broken = append(broken, fmt.Sprintf("%s; it tells the %s (%q) in phase %s, but %s allows them only from %s",
				s.Quote(), l.What, l.Match, s.After.Phase, rp.m.File(), l.AllowedFrom))
		}
		if !leaked {
			looked = append(looked, s.Quote())
		}
	}
	return broken, looked
}

func (rp *replay) disclosedOnceAllowed(c Check, s Turn) (broken, looked []string, precondition string, err error) {
	for _, f := range gated(rp.m, c) {
		if rp.m.PhaseIndex(s.After.Phase) < rp.m.PhaseIndex(f.AllowedFrom) {
			return nil, nil, fmt.Sprintf("step %s must be played once the %s are allowed (phase %s), but the session is in phase %s", c.Step, f.What, f.AllowedFrom, s.After.Phase), nil
		}
		if _, ok := bots.FirstMatch(f.Patterns, s.Text()); !ok {
			broken = append(broken, fmt.Sprintf("%s; in phase %s the %s may be told and were asked for, but the reply matches none of the patterns of %s",
				s.Quote(), s.After.Phase, f.What, rp.m.File()))
		}
	}
	if len(broken) == 0 {
		looked = []string{s.Quote()}
	}
	return broken, looked, "", nil
}

func (rp *replay) consentTextMatches(ctx context.Context, c Check) (broken, looked []string, precondition string, err error) {
	consents, err := rp.tg.Consents(ctx, rp.phone)
	if err != nil {
		return nil, nil, "", err
	}
	if len(consents) == 0 {
		return nil, nil, "the conversation must leave a consent on record (observe.consent_sql found none)", nil
	}
	pats := rp.patterns(c)
	for i, ct := range consents {
		line := fmt.Sprintf("consent %d on record (granted %v) shows %q", i+1, ct.Granted, ct.Text)
		if _, ok := bots.FirstMatch(pats, ct.Text); ok {
			looked = append(looked, line)
		} else {
			broken = append(broken, line+", which matches none of "+rp.patternsName(c))
		}
	}
	return broken, looked, "", nil
}

func (rp *replay) consentBeforePersonalData(ctx context.Context) (broken, looked []string, precondition string, err error) {
	m := rp.m
	personal := m.Graph.PersonalDataPhases
	reached := false
	for _, s := range rp.turns {
		if !slices.Contains(personal, s.After.Phase) {
			continue
		}
		reached = true
		if s.Consented {
			looked = append(looked, s.Quote()+" (a granted consent on record)")
		} else {
			broken = append(broken, fmt.Sprintf("%s: the bot moved to personal-data phase %s with no granted consent on record", s.Quote(), s.After.Phase))
		}
	}
	if !reached {
		return nil, nil, fmt.Sprintf("the conversation must reach one of graph.personal_data_phases %v", personal), nil
	}
	path, err := rp.tg.PhasePath(ctx, rp.phone)
	if err != nil {
		return nil, nil, "", err
	}
	consentAt := slices.Index(path, m.Graph.ConsentPhase)
	dataAt := slices.IndexFunc(path, func(p string) bool { return slices.Contains(personal, p) })
	if consentAt < 0 || consentAt > dataAt {
		broken = append(broken, fmt.Sprintf("the phase path the bot recorded is %v: phase %s must come before the first of %v", path, m.Graph.ConsentPhase, personal))
	}
	return broken, looked, "", nil
}

func (rp *replay) replyLanguage() (broken, looked []string, precondition string, err error) {
	for _, s := range rp.turns {
		if len(s.Replies) == 0 {
			continue
		}
		got := langguess.Guess(s.Text())
		switch got {
		case "":
			continue
		case s.Lang:
			looked = append(looked, s.Quote())
		default:
			broken = append(broken, fmt.Sprintf("%s: the customer wrote in %s, the reply reads as %s (stopwords %v)", s.Quote(), s.Lang, got, langguess.Scores(s.Text())))
		}
	}
	if len(broken)+len(looked) == 0 {
		return nil, nil, "at least one reply must be long enough to tell its language", nil
	}
	return broken, looked, "", nil
}

// transcript is the conversation as played, for a failure that is about
// all of it.
func (rp *replay) transcript() string {
	lines := make([]string, len(rp.turns))
	for i, s := range rp.turns {
		lines[i] = s.Quote()
	}
	return strings.Join(lines, "\n")
}
