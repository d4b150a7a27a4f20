package judge

import (
	"strings"

	"github.com/caas-testing/caas-testing/sim/transcript"
)

// step is one phase of the session's phase path and the turn during which
// the session entered it (0 when no turn can be named).
type step struct {
	Phase string
	Turn  int
}

// phasePath is the path the judge trusts: the bot's database's own record
// (End.PhasePath) when the runner read one, else the phase the database
// showed after each turn. It never comes from reply text.
func phasePath(t *transcript.Transcript) (path []step, fromDB bool) {
	if t.End != nil && len(t.End.PhasePath) > 0 {
		return alignPath(dedupe(t.End.PhasePath), t.Turns), true
	}
	for _, tn := range t.Turns {
		if tn.Phase == "" {
			continue
		}
		if len(path) == 0 || path[len(path)-1].Phase != tn.Phase {
			path = append(path, step{Phase: tn.Phase, Turn: tn.N})
		}
	}
	return path, false
}

// dedupe drops repeats of the same phase in a row: the path may hold one
// row per state change, and two states can share a phase.
func dedupe(phases []string) []string {
	var out []string
	for _, p := range phases {
		if p != "" && (len(out) == 0 || out[len(out)-1] != p) {
			out = append(out, p)
		}
	}
	return out
}

// alignPath names the turn of each step of the database's path by walking
// it alongside the per-turn phases: a step that the next phase change among
// the turns shows is that turn's; a step the turns never show (the session
// passed through it within one turn) belongs to the next turn.
func alignPath(phases []string, turns []transcript.Turn) []step {
	path := make([]step, len(phases))
	cur, curPhase := -1, ""
	for j, ph := range phases {
		i := cur + 1
		for i < len(turns) && (turns[i].Phase == "" || turns[i].Phase == curPhase) {
			i++
		}
		path[j].Phase = ph
		switch {
		case len(turns) == 0:
		case i < len(turns) && turns[i].Phase == ph:
			path[j].Turn, cur = turns[i].N, i
		case i < len(turns):
			path[j].Turn = turns[i].N
		default:
			path[j].Turn = turns[len(turns)-1].N
		}
		curPhase = ph
	}
	return path
}

// render writes the path as evidence, marking step i:
// "phase path: greeting → [bill_data] → consent". A path rebuilt from the
// per-turn phases (no path from the database) says so.
func (in *input) render(i int) string {
	parts := make([]string, len(in.path))
	for k, s := range in.path {
		parts[k] = s.Phase
		if k == i {
			parts[k] = "[" + s.Phase + "]"
		}
	}
	label := "phase path: "
	if !in.fromDB {
		label = "phase after each turn (no path from the database): "
	}
	if len(parts) == 0 {
		return label + "(none recorded)"
	}
	return label + strings.Join(parts, " → ")
}
