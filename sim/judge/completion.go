package judge

import (
	"fmt"
	"math"
	"strings"
)

// checkFinalPhase: the session must reach the expected final phase; short
// of it, credit grows with how far along the phase order it got.
func checkFinalPhase(in *input, r rule) []Finding {
	want := in.sc.Expect.FinalPhase
	if want == "" {
		return nil
	}
	last := ""
	if len(in.path) > 0 {
		last = in.path[len(in.path)-1].Phase
	}
	for _, s := range in.path {
		if s.Phase != want {
			continue
		}
		if in.before(last, want) {
			f := r.hit(in.path[len(in.path)-1].Turn, in.render(len(in.path)-1),
				fmt.Sprintf("reached %s but ended back in %s", want, last))
			f.Points, f.Severity = 5, Low
			return []Finding{f}
		}
		return nil
	}
	target := in.m.PhaseIndex(want)
	known := target >= 0
	progress := 0.0
	if known && target > 0 {
		best := -1
		for _, s := range in.path {
			if p := in.m.PhaseIndex(s.Phase); p >= 0 && p < target && p > best {
				best = p
			}
		}
		if best > 0 {
			progress = float64(best) / float64(target)
		}
	}
	f := r.hit(0, in.render(len(in.path)-1),
		fmt.Sprintf("expected to end in %s; the database shows the session got no further than %s", want, orNone(last)))
	if len(in.path) > 0 {
		f.Turn = in.path[len(in.path)-1].Turn
	}
	f.Points = max(5, int(math.Round(float64(r.Points)*(1-progress))))
	if progress >= 0.5 {
		f.Severity = Medium
	}
	if !known {
		f.Message += fmt.Sprintf(" (%s is not a phase of the manifest; fix the scenario's expect.final_phase)", want)
	}
	return []Finding{f}
}

func orNone(s string) string {
	if s == "" {
		return "no phase at all"
	}
	return s
}

// checkOptOutHonoured: a scenario that expects an opt-out must see the
// session marked opted out in the database.
func checkOptOutHonoured(in *input, r rule) []Finding {
	if !in.sc.Expect.OptOut {
		return nil
	}
	for _, tn := range in.t.Turns {
		if tn.OptedOut {
			return nil
		}
	}
	turn, evidence := 0, "no turn shows opted_out in the database"
	for _, tn := range in.t.Turns {
		if in.asks("stop", said(tn)) {
			turn, evidence = tn.N, exchange(shown(tn), tn.Replies)
			break
		}
	}
	return []Finding{r.hit(turn, evidence, "the customer asked to opt out but the session was never marked opted out")}
}

// checkHandoffHonoured: a scenario that expects a handoff must see a reply
// offering a person (undecided when the judge cannot read some reply).
func checkHandoffHonoured(in *input, r rule) []Finding {
	if !in.sc.Expect.Handoff {
		return nil
	}
	var all []string
	for _, tn := range in.t.Turns {
		all = append(all, tn.Replies...)
	}
	switch in.offersHandoff(all) {
	case didNot:
		return []Finding{r.hit(0, "no reply offers a person (an agent, an advisor, someone of the team)", "expected a handoff to a human; none was offered")}
	case cannotTell:
		return []Finding{r.undecided(0, "no reply the judge can read offers a person", "expected a handoff to a human; the judge cannot read every reply")}
	}
	return nil
}

// checkScenarioMust: every `must` rule of the scenario matches some reply.
func checkScenarioMust(in *input, r rule) []Finding {
	var out []Finding
	for i, m := range in.sc.Must {
		dim := ruleDimension(in, m.Dimension, Completion, fmt.Sprintf("scenario must[%d] %q", i, m.Name))
		ps := in.compileList(dim, fmt.Sprintf("scenario must[%d] %q", i, m.Name), []string{m.Pattern}, negationAware(dim))
		if len(ps) == 0 {
			continue
		}
		if _, _, _, ok := findInReplies(in, ps); ok {
			continue
		}
		f := r.hit(0, "no reply matches "+m.Pattern, fmt.Sprintf("scenario rule %q: no reply matched", m.Name))
		f.Dimension = dim
		out = append(out, f)
	}
	return out
}

// negationAware says whether a scenario rule of a dimension is matched
// negation-aware: what a bot says about itself (identity) and what it
// offers (recovery) is undone by a "no" before it ("no soy una persona",
// "no puedo pasarte con nadie"); a leak or a fact is not ("no trabajamos
// con Iberdrola" still names Iberdrola).
func negationAware(d Dimension) bool {
	return d == Identity || d == Recovery
}

// ruleDimension reads a scenario rule's dimension, defaulting when empty.
func ruleDimension(in *input, name string, def Dimension, where string) Dimension {
	if name == "" {
		return def
	}
	d, err := ParseDimension(name)
	if err != nil {
		in.problems = append(in.problems, Finding{Dimension: def, Severity: Low, Rule: "invalid-dimension",
			Evidence: name, Message: where + ": " + err.Error() + "; scored as " + string(def)})
		return def
	}
	return d
}

// findInReplies finds the first reply that matches, in turn order.
func findInReplies(in *input, ps patterns) (turn int, reply string, start int, ok bool) {
	for _, tn := range in.t.Turns {
		for _, rep := range tn.Replies {
			if s, _, found := ps.find(rep); found {
				return tn.N, rep, s, true
			}
		}
	}
	return 0, "", 0, false
}

// checkNoReply: a turn owed an answer got none. Together these findings
// take the share of the completion points that the unanswered turns are of
// the turns owed an answer, so a bot that answers nothing keeps none.
func checkNoReply(in *input, r rule) []Finding {
	silent, owed := in.unanswered()
	var out []Finding
	for k, i := range silent {
		tn := in.t.Turns[i]
		msg := "the bot sent no reply to this message"
		if isMedia(tn) {
			msg = fmt.Sprintf("the bot sent no reply to this %s: a message it cannot read still needs a graceful answer", tn.Type)
		}
		if tn.Timeout {
			msg += " within the reply budget"
		}
		f := r.hit(tn.N, exchange(shown(tn), nil), msg)
		f.Points = share(Weights.Get(r.Dim), k+1, owed) - share(Weights.Get(r.Dim), k, owed)
		out = append(out, f)
	}
	return out
}

// checkUnanswered: the same unanswered turns cost recovery its share too:
// silence handles no confusion and no hostility.
func checkUnanswered(in *input, r rule) []Finding {
	silent, owed := in.unanswered()
	if len(silent) == 0 {
		return nil
	}
	ns := make([]string, len(silent))
	for k, i := range silent {
		ns[k] = fmt.Sprint(in.t.Turns[i].N)
	}
	f := r.hit(0, fmt.Sprintf("no reply at turn %s", strings.Join(ns, ", ")),
		fmt.Sprintf("left %d of the %d turns owed an answer unanswered", len(silent), owed))
	f.Points = share(Weights.Get(r.Dim), len(silent), owed)
	if len(silent) == owed {
		f.Severity, f.Message = High, fmt.Sprintf("answered none of the %d turns owed an answer", owed)
	}
	return []Finding{f}
}

// share is weight·k/n rounded: the points k of n turns are worth.
func share(weight, k, n int) int {
	if n == 0 {
		return 0
	}
	return int(math.Round(float64(weight*k) / float64(n)))
}

// unanswered lists the turns (by index) owed an answer that got none, and
// how many turns were owed one.
func (in *input) unanswered() (silent []int, owed int) {
	for i, tn := range in.t.Turns {
		if !in.owed(i) {
			continue
		}
		owed++
		if len(nonEmpty(tn.Replies)) == 0 {
			silent = append(silent, i)
		}
	}
	return silent, owed
}

// owed reports whether turn i is owed an answer: every message is, text or
// media, except those of a customer who had opted out (the manifest's graph
// ignores an opted-out session: bots Next). The manifest has no other way
// to say that a turn is silent by design.
func (in *input) owed(i int) bool {
	return !optedOutBefore(in, i)
}

// optedOutBefore reports whether the session was already opted out when
// turn i's message arrived (and still is after it: a customer who opts
// back in is owed an answer).
func optedOutBefore(in *input, i int) bool {
	return i > 0 && in.t.Turns[i-1].OptedOut && in.t.Turns[i].OptedOut
}

func nonEmpty(replies []string) []string {
	var out []string
	for _, r := range replies {
		if strings.TrimSpace(r) != "" {
			out = append(out, r)
		}
	}
	return out
}

// checkRunInterrupted notes a run that did not finish; it costs nothing by
// itself (the runner, not the bot, may be at fault) but explains gaps.
func checkRunInterrupted(in *input, r rule) []Finding {
	switch {
	case in.t.End == nil:
		return []Finding{r.hit(0, fmt.Sprintf("%d turns, no end line", len(in.t.Turns)),
			"the run was interrupted; the phase path comes from the per-turn phases")}
	case in.t.End.Error != "":
		return []Finding{r.hit(0, head(in.t.End.Error, quoteWidth), "the runner reported an error")}
	}
	return nil
}
