package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Intent recognition: keyword patterns from the product file, matched
// against the folded words of a message, tolerant of typos and of people
// writing as they speak.

// maxMatchWords bounds the work on a very long message: intents are
// recognised in its first words only.
const maxMatchWords = 200

// tok is one word with its collapsed form and its phonetic key.
type tok struct{ w, c, s string }

func toks(ws []string) []tok {
	out := make([]tok, len(ws))
	for i, w := range ws {
		out[i] = tok{w, collapse(w), sound(w)}
	}
	return out
}

// utterance is one customer message, analysed once per turn.
type utterance struct {
	raw   string
	low   string // folded, punctuation kept (for regex patterns)
	words []tok
	core  []tok // words without greetings and politeness ("hola, BAJA por favor" → "baja")
}

var fillers = map[string]bool{
	"por": true, "favor": true, "porfa": true, "porfavor": true, "please": true,
	"pls": true, "plz": true, "gracias": true, "thanks": true, "thank": true,
	"hola": true, "hello": true, "hi": true, "hey": true, "buenas": true, "oye": true,
}

func newUtterance(text string) utterance {
	low := fold(text)
	ws := words(low)
	if len(ws) > maxMatchWords {
		ws = ws[:maxMatchWords]
	}
	var core []string
	for i, w := range ws {
		if fillers[w] || w == "you" && i > 0 && ws[i-1] == "thank" {
			continue
		}
		core = append(core, w)
	}
	return utterance{raw: text, low: low, words: toks(ws), core: toks(core)}
}

type patKind int

const (
	kindPhrase patKind = iota // words in order, up to two words between
	kindExact                 // the whole message
	kindRegex                 // a regular expression on the folded text
)

type pattern struct {
	kind  patKind
	words [][]tok // per position, the alternatives
	re    *regexp.Regexp
}

// intent is one compiled intent.
type intent struct {
	name     string
	patterns []pattern
	vetoes   []pattern
	ids      []string
}

func compileIntent(name string, spec intentSpec) (*intent, error) {
	in := &intent{name: name}
	for _, id := range spec.IDs {
		in.ids = append(in.ids, strings.ToLower(id))
	}
	langs := make([]string, 0, len(spec.Keywords))
	for l := range spec.Keywords {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		for _, k := range spec.Keywords[l] {
			veto := strings.HasPrefix(k, "!")
			pat, err := compilePattern(strings.TrimPrefix(k, "!"))
			if err != nil {
				return nil, fmt.Errorf("intents.%s.keywords.%s: %q: %w", name, l, k, err)
			}
			if veto {
				in.vetoes = append(in.vetoes, pat)
			} else {
				in.patterns = append(in.patterns, pat)
			}
		}
	}
	return in, nil
}

func compilePattern(k string) (pattern, error) {
	if re, ok := strings.CutPrefix(k, "re:"); ok {
		r, err := regexp.Compile(re)
		if err != nil {
			return pattern{}, fmt.Errorf("bad regular expression: %w", err)
		}
		return pattern{kind: kindRegex, re: r}, nil
	}
	kind := kindPhrase
	if rest, ok := strings.CutPrefix(k, "="); ok {
		kind, k = kindExact, rest
	}
	var pos [][]tok
	for _, part := range strings.Fields(k) {
		alts := strings.Split(fold(part), "|")
		for i := range alts {
			alts[i] = strings.Join(words(alts[i]), "")
		}
		pos = append(pos, toks(alts))
	}
	if len(pos) == 0 {
		return pattern{}, fmt.Errorf("empty keyword; remove it")
	}
	return pattern{kind: kind, words: pos}, nil
}

// words lists every keyword word of the intent (for the vocabulary).
func (in *intent) words() []string {
	var out []string
	for _, p := range append(in.patterns, in.vetoes...) {
		for _, alts := range p.words {
			for _, a := range alts {
				out = append(out, a.w)
			}
		}
	}
	return out
}

// score says how well the intent matches: 0 no match, else the number of
// keyword words matched (an exact whole-message match counts one more).
func (p *Product) score(in *intent, u utterance) int {
	for _, v := range in.vetoes {
		if p.matches(v, u) > 0 {
			return 0
		}
	}
	best := 0
	for _, pat := range in.patterns {
		best = max(best, p.matches(pat, u))
	}
	return best
}

func (p *Product) matches(pat pattern, u utterance) int {
	switch pat.kind {
	case kindRegex:
		if pat.re.MatchString(u.low) {
			return 1
		}
	case kindExact:
		for _, ws := range [][]tok{u.words, u.core} {
			if len(ws) == len(pat.words) && p.phraseFrom(pat.words, ws, 0, 0, true) {
				return len(pat.words) + 1
			}
		}
	case kindPhrase:
		if p.phraseFrom(pat.words, u.words, 0, 0, false) {
			return len(pat.words)
		}
	}
	return 0
}

// phraseFrom matches phrase positions pos.. against ws from index from:
// the first word anywhere, each next one at most two words later (or right
// after, when tight).
func (p *Product) phraseFrom(ph [][]tok, ws []tok, from, pos int, tight bool) bool {
	if pos == len(ph) {
		return true
	}
	hi := len(ws)
	if pos > 0 {
		gap := 3
		if tight {
			gap = 1
		}
		hi = min(hi, from+gap)
	} else if tight {
		hi = min(hi, 1)
	}
	for i := from; i < hi; i++ {
		if p.wordIn(ph[pos], ws[i]) && p.phraseFrom(ph, ws, i+1, pos+1, tight) {
			return true
		}
	}
	return false
}

func (p *Product) wordIn(alts []tok, w tok) bool {
	for _, a := range alts {
		if p.same(a, w) {
			return true
		}
	}
	return false
}

// same says whether the customer's word w is the keyword word k: equal, or
// sounding the same, or one typo away. A word the product knows as itself
// ("estaba", "dates") is never read as a different keyword ("estafa",
// "datos"), and short words must be exact.
func (p *Product) same(k, w tok) bool {
	if k.w == w.w || k.c == w.c { // "siii", "nooo"
		return true
	}
	if len(k.w) < 4 || len(w.w) < 4 || p.vocab[w.w] {
		return false
	}
	if k.s == w.s {
		return true
	}
	if d := len(k.s) - len(w.s); len(k.w) < 5 || len(w.w) < 5 || d > 1 || d < -1 {
		return false
	}
	return editDistance(k.s, w.s) <= 1
}

// hasID reports whether an interactive reply id means this intent.
func (in *intent) hasID(id string) bool {
	for _, x := range in.ids {
		if x == id {
			return true
		}
	}
	return false
}
