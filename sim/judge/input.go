package judge

import (
	"strconv"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// input is everything a rule looks at, prepared once per Score call.
type input struct {
	t  *transcript.Transcript
	sc *scenario.Scenario
	m  *bots.Manifest

	initial string // the phase a new session starts in
	path    []step
	fromDB  bool

	// moves are the changes of phase the manifest allows: every transition
	// of its graph, a state's own or a global intent's (bots Edges).
	moves map[bots.PhaseEdge]bool

	// utterances[intent] are the manifest's examples as folded word strings.
	utterances map[string][]string

	// disclosure are the patterns an honest "I am an AI" answer matches;
	// disclosureManifest says whether the manifest gave them (else they
	// are the judge's own, which cannot read every language).
	disclosure         patterns
	disclosureManifest bool

	// humanClaims are the manifest's persona.human_claims and the judge's own.
	humanClaims patterns

	// handoffUtterances are the manifest's `human` utterances, for a reply
	// that tells the customer how to reach a person.
	handoffUtterances patterns

	problems []Finding // manifest or scenario patterns that do not compile
}

func newInput(t *transcript.Transcript, sc *scenario.Scenario, m *bots.Manifest) *input {
	if t == nil {
		t = &transcript.Transcript{}
	}
	if sc == nil {
		sc = &scenario.Scenario{}
	}
	if m == nil {
		m = &bots.Manifest{}
	}
	in := &input{t: t, sc: sc, m: m, moves: phaseMoves(m), utterances: map[string][]string{}}
	in.initial = m.PhaseOf(m.Graph.Initial)
	if in.initial == "" && len(m.Graph.Phases) > 0 {
		in.initial = m.Graph.Phases[0]
	}
	for intent, byLang := range m.Intents.Utterances {
		for _, examples := range byLang {
			for _, ex := range examples {
				if w := words(ex); strings.TrimSpace(w) != "" {
					in.utterances[intent] = append(in.utterances[intent], w)
				}
			}
		}
	}
	in.disclosure = in.compileList(Identity, "manifest persona.ai_disclosure", m.Persona.AIDisclosure, true)
	in.disclosureManifest = len(in.disclosure) > 0
	if !in.disclosureManifest {
		in.disclosure = fallbackDisclosure
	}
	in.humanClaims = append(in.compileList(Identity, "manifest persona.human_claims", m.Persona.HumanClaims, true), builtinHumanClaims...)
	in.handoffUtterances = humanUtterances(m.Intents.Utterances)
	in.path, in.fromDB = phasePath(t)
	return in
}

// known reports whether a phase is in the manifest's phase order.
func (in *input) known(phase string) bool {
	return in.m.PhaseIndex(phase) >= 0
}

// asks reports whether a customer message expresses an intent, by the
// manifest's example utterances (whole words, any language) or by the
// judge's built-in patterns.
func (in *input) asks(intent, message string) bool {
	w := words(message)
	for _, u := range in.utterances[intent] {
		if strings.Contains(w, u) {
			return true
		}
	}
	_, _, ok := customerIntents[intent].find(fold(message))
	return ok
}

// phaseAt is the session's phase during a turn, as the database showed it
// after the turn; when the runner could not read it, the last phase known,
// and before any, the initial phase.
func (in *input) phaseAt(turnIndex int) string {
	for i := turnIndex; i >= 0; i-- {
		if p := in.t.Turns[i].Phase; in.known(p) {
			return p
		}
	}
	return in.initial
}

// before reports whether phase a comes before phase b in the manifest order.
func (in *input) before(a, b string) bool {
	ia, ib := in.m.PhaseIndex(a), in.m.PhaseIndex(b)
	return ia >= 0 && ib >= 0 && ia < ib
}

// persona is the Result's persona label: the runner's, else the scenario's.
func (in *input) persona() string {
	if in.t.Header.Persona != "" {
		return in.t.Header.Persona
	}
	p := in.sc.Persona
	if p.Name != "" && p.Age > 0 {
		return p.Name + ", " + strconv.Itoa(p.Age)
	}
	return p.Name
}

// language is the customer's main language.
func (in *input) language() string {
	if in.t.Header.Language != "" {
		return in.t.Header.Language
	}
	return in.sc.Language
}

// phaseMoves are the changes of phase the manifest's graph allows: each
// transition (a state's own, or a global intent from any reachable state)
// whose two states are in different phases.
func phaseMoves(m *bots.Manifest) map[bots.PhaseEdge]bool {
	out := m.PhaseEdges()
	for _, e := range m.Edges(bots.OwnEdges | bots.GlobalEdges) {
		if from, to := m.PhaseOf(e.From), m.PhaseOf(e.To); from != "" && to != "" && from != to {
			out[bots.PhaseEdge{From: from, To: to}] = true
		}
	}
	return out
}
