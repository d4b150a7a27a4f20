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

// checkPhaseOrder: each change of phase must be one the manifest allows:
// a transition of the graph, or a global intent (restart, erasure, stop)
// that the customer actually asked for in that turn. A step back that
// neither explains is a regression; a step forward, a skipped phase.
func checkPhaseOrder(in *input, r rule) []Finding {
	var out []Finding
	unconsented := in.beforeConsent()
	for i := 1; i < len(in.path); i++ {
		from, to := in.path[i-1].Phase, in.path[i].Phase
		if !in.known(from) || !in.known(to) || in.edges[bots.PhaseEdge{From: from, To: to}] {
			continue
		}
		msg := in.customerAt(in.path[i].Turn)
		intents := in.globalIntentsTo(to)
		asked := false
		for _, intent := range intents {
			asked = asked || in.asks(intent, msg)
		}
		if asked {
			continue
		}
		backward := in.before(to, from)
		switch {
		case len(intents) > 0:
			out = append(out, r.hit(in.path[i].Turn, in.render(i),
				fmt.Sprintf("moved from %s to %s, which only %s leads to, but the customer did not ask for it (%q)",
					from, to, strings.Join(intents, "/"), head(msg, 60))))
		case backward:
			out = append(out, r.hit(in.path[i].Turn, in.render(i),
				fmt.Sprintf("went back from %s to %s; no graph transition or customer request explains it", from, to)))
		case len(in.m.Graph.States) > 0 && !unconsented[i]: // that rule already explains this step
			f := r.hit(in.path[i].Turn, in.render(i),
				fmt.Sprintf("jumped from %s to %s; the graph has no such transition", from, to))
			f.Points, f.Severity = 5, Medium
			out = append(out, f)
		}
	}
	return out
}

// globalIntentsTo lists the global intents that lead to a phase. Going back
// to the initial phase is always something a customer may ask for (restart,
// erasure, opting back in), even when the manifest forgot to say so.
func (in *input) globalIntentsTo(phase string) []string {
	intents := append([]string(nil), in.globalTargets[phase]...)
	if phase == in.initial {
		for _, implied := range []string{"restart", "gdpr_erasure", "start"} {
			if !slices.Contains(intents, implied) {
				intents = append(intents, implied)
			}
		}
	}
	return intents
}

// customerAt is the customer's message of turn n ("" when none).
func (in *input) customerAt(n int) string {
	for _, tn := range in.t.Turns {
		if tn.N == n {
			return tn.Customer
		}
	}
	return ""
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
