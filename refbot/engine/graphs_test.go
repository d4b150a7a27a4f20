package engine_test

import (
	"bufio"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// graphsDoc is GRAPHS.md as tables: the global intents in order, and per
// product its phases, states (in order) and transitions.
type graphsDoc struct {
	globals  []string
	products map[string]*docProduct
}

type docProduct struct {
	phases   []string
	states   []string
	phase    map[string]string
	on       map[string]map[string]string
	terminal []string
}

func parseGraphs(t *testing.T, path string) graphsDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	doc := graphsDoc{products: map[string]*docProduct{}}
	var section string
	var cur *docProduct
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			section = strings.Fields(strings.TrimPrefix(line, "## "))[0]
			cur = nil
			if section != "Global" {
				cur = &docProduct{phase: map[string]string{}, on: map[string]map[string]string{}}
				doc.products[section] = cur
			}
		case cur != nil && strings.HasPrefix(line, "phases:"):
			for _, ph := range strings.Split(strings.TrimPrefix(line, "phases:"), ",") {
				cur.phases = append(cur.phases, strings.TrimSpace(ph))
			}
		case strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "|---"):
			cells := strings.Split(strings.Trim(line, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if cells[0] == "intent" || cells[0] == "state" {
				continue // header
			}
			if section == "Global" {
				doc.globals = append(doc.globals, cells[0])
				continue
			}
			if cur == nil || len(cells) < 3 {
				continue
			}
			for _, st := range strings.Split(cells[0], ",") {
				st = strings.TrimSpace(st)
				cur.states = append(cur.states, st)
				cur.phase[st] = cells[1]
				cur.on[st] = map[string]string{}
				if cells[2] == "(terminal)" {
					cur.terminal = append(cur.terminal, st)
					continue
				}
				for _, tr := range splitOutsideParens(cells[2], ';') {
					intent, next, ok := strings.Cut(tr, "→")
					if !ok {
						t.Fatalf("GRAPHS.md: %s: transition %q has no →", st, tr)
					}
					cur.on[st][firstWord(intent)] = firstWord(next)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return doc
}

// splitOutsideParens splits s at sep, except inside parentheses (a
// transition's note may hold a semicolon).
func splitOutsideParens(s string, sep rune) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case r == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], "`.,()")
}

func TestProductFilesFollowGraphsMD(t *testing.T) {
	doc := parseGraphs(t, "../products/GRAPHS.md")
	if len(doc.globals) < 10 || len(doc.products) < 2 {
		t.Fatalf("parsed %d global intents and %d products from GRAPHS.md; has its table format changed?", len(doc.globals), len(doc.products))
	}

	t.Run("global_intents_are_checked_in_the_documented_order", func(t *testing.T) {
		got := engine.GlobalIntents()
		if len(doc.globals) == 0 || !slices.Equal(got[:len(doc.globals)], doc.globals) {
			t.Errorf("engine global intents %v, GRAPHS.md %v", got, doc.globals)
		}
		if extra := got[len(doc.globals):]; !slices.Equal(extra, []string{"language"}) {
			t.Errorf("undocumented global intents %v; only the engine's own \"language\" may follow", extra)
		}
	})

	for _, product := range engine.Products() {
		t.Run(product, func(t *testing.T) {
			d, ok := doc.products[product]
			if !ok {
				t.Fatalf("GRAPHS.md has no section for %s", product)
			}
			g := load(t, product).Graph()
			if !slices.Equal(g.Phases, d.phases) {
				t.Errorf("phases %v, GRAPHS.md %v", g.Phases, d.phases)
			}
			if g.Initial != d.states[0] {
				t.Errorf("initial state %q, GRAPHS.md's first %q", g.Initial, d.states[0])
			}
			var states []string
			for st := range g.States {
				states = append(states, st)
			}
			sort.Strings(states)
			docStates := slices.Clone(d.states)
			sort.Strings(docStates)
			if !slices.Equal(states, docStates) {
				t.Errorf("states %v, GRAPHS.md %v", states, docStates)
			}
			for _, st := range d.states {
				info, ok := g.States[st]
				if !ok {
					continue
				}
				if info.Phase != d.phase[st] {
					t.Errorf("%s: phase %q, GRAPHS.md %q", st, info.Phase, d.phase[st])
				}
				if !mapsEqual(info.On, d.on[st]) {
					t.Errorf("%s: transitions %v, GRAPHS.md %v", st, info.On, d.on[st])
				}
			}
			terminal := slices.Clone(g.Terminal)
			sort.Strings(terminal)
			docTerminal := slices.Clone(d.terminal)
			sort.Strings(docTerminal)
			if !slices.Equal(terminal, docTerminal) {
				t.Errorf("terminal %v, GRAPHS.md %v", terminal, docTerminal)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
