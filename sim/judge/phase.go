package judge

import (
	"fmt"
	"slices"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
)

// Phase rules read only the phase path from the bot's database: what a
// reply says about phases proves nothing about where the session is.

// checkUnknownPhases: every phase the database shows must be in the
// manifest, or the manifest and the bot disagree about the graph.
func checkUnknownPhases(in *input, r rule) []Finding {
	if len(in.m.Graph.Phases) == 0 {
		return nil
	}
	var out []Finding
	seen := map[string]bool{}
	for i, s := range in.path {
		if in.known(s.Phase) || seen[s.Phase] {
			continue
		}
		seen[s.Phase] = true
		out = append(out, r.hit(s.Turn, in.render(i),
			fmt.Sprintf("phase %q is not in the manifest's phase order (%s)", s.Phase, strings.Join(in.m.Graph.Phases, ", "))))
	}
	return out
}

// checkPhaseOrder: each change of phase the database recorded must be one
// the manifest's graph allows: a state's own transition or a global intent
// (restart, erasure, stop), from any state. What the customer wrote is not
// read again: the bot recorded the move, the manifest says whether such a
// move is allowed, and an allowed move is never a finding, however the
// customer phrased the request ("Entonces borre todos mis datos"). A step
// back the graph does not allow is a regression; a step forward, a skip.
func checkPhaseOrder(in *input, r rule) []Finding {
	var out []Finding
	unconsented := in.beforeConsent()
	for i := 1; i < len(in.path); i++ {
		from, to := in.path[i-1].Phase, in.path[i].Phase
		if !in.known(from) || !in.known(to) || in.moves[bots.PhaseEdge{From: from, To: to}] {
			continue
		}
		const fix = "no transition of the manifest's graph (graph.states, intents.global) allows it; if the bot may, the manifest should say so"
		switch {
		case in.before(to, from):
			out = append(out, r.hit(in.path[i].Turn, in.render(i),
				fmt.Sprintf("went back from %s to %s: %s", from, to, fix)))
		case len(in.m.Graph.States) > 0 && !unconsented[i]: // that rule already explains this step
			f := r.hit(in.path[i].Turn, in.render(i), fmt.Sprintf("jumped from %s to %s: %s", from, to, fix))
			f.Points, f.Severity = 5, Medium
			out = append(out, f)
		}
	}
	return out
}

// checkConsentFirst: a personal-data phase must never be entered before the
// consent phase; a return to a phase before consent (restart, erasure)
// means consent must be given again.
func checkConsentFirst(in *input, r rule) []Finding {
	var out []Finding
	marked := in.beforeConsent()
	for i, s := range in.path {
		if marked[i] {
			out = append(out, r.hit(s.Turn, in.render(i),
				fmt.Sprintf("entered %s, which collects personal data, before the consent phase %s", s.Phase, in.m.Graph.ConsentPhase)))
		}
	}
	return out
}

// beforeConsent marks the steps of the path that enter a personal-data
// phase while consent has not been given (since the last return to a phase
// before consent).
func (in *input) beforeConsent() map[int]bool {
	marked := map[int]bool{}
	consent := in.m.Graph.ConsentPhase
	if !in.known(consent) {
		return marked
	}
	consented := false
	for i, s := range in.path {
		switch {
		case s.Phase == consent:
			consented = true
		case in.before(s.Phase, consent):
			consented = false
		case slices.Contains(in.m.Graph.PersonalDataPhases, s.Phase) && !consented:
			marked[i] = true
			consented = true // one finding per entry, not one per later step
		}
	}
	return marked
}

// checkExpectedPath: the scenario's expected phases appear, in order, in
// the database's path (other phases may come between them).
func checkExpectedPath(in *input, r rule) []Finding {
	want := in.sc.Expect.PhasePath
	if len(want) == 0 {
		return nil
	}
	k := 0
	for _, s := range in.path {
		if k < len(want) && s.Phase == want[k] {
			k++
		}
	}
	if k == len(want) {
		return nil
	}
	turn := 0
	if len(in.path) > 0 {
		turn = in.path[len(in.path)-1].Turn
	}
	return []Finding{r.hit(turn, in.render(-1)+"; expected "+strings.Join(want, " → "),
		fmt.Sprintf("the expected phase path stops matching at %s", want[k]))}
}
