package writer

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// DefaultCount is the batch size of docs/scenarios.md §2.
const DefaultCount = 5

// Brief is what the user asked for, parsed.
type Brief struct {
	Bot   string
	Text  string // the sentence it came from
	Count int    // scenarios in the batch
	// Focus are the categories the batch draws from (empty: all). A batch of
	// three or more still mixes three categories: if the focus has fewer, the
	// rest come from outside it, the focus keeping the largest share.
	Focus []string
	// Exact are per-category counts the user spelled out ("2 hostile and 1
	// multilingual"); they are honoured as written, even below three
	// categories, and any remainder of Count is drawn as for Focus.
	Exact []Part
	Seed  int64
}

// Part is "N of these categories".
type Part struct {
	Count      int
	Word       string   // as the brief said it: "hostile", "security"
	Categories []string // what the word means
}

// Rules are the batch rules this brief promises: its count, and three
// categories in a batch of three or more unless the user's exact counts name
// fewer ("2 spies" may be two spies).
func (b Brief) Rules() scenario.BatchRules {
	r := scenario.BatchRules{Count: b.Count, MinCategories: 3}
	if b.Count < 3 {
		r.MinCategories = 1
	}
	exact, cats := 0, map[string]bool{}
	for _, p := range b.Exact {
		exact += p.Count
		for _, c := range p.Categories {
			cats[c] = true
		}
	}
	if len(b.Exact) > 0 && exact == b.Count && len(cats) < 3 {
		r.MinCategories = len(cats)
	}
	return r
}

var (
	briefToken  = regexp.MustCompile(`[\p{L}0-9][\p{L}0-9_-]*`)
	numberWords = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	}
	scenarioWords = []string{"scenario", "scenarios", "escenario", "escenarios", "sim", "sims", "batch", "persona", "personas", "conversations"}
	botWords      = []string{"for", "para", "against", "on"}
)

// MaxCount bounds a batch: a brief asking for more is probably a typo.
const MaxCount = 50

// ParseBrief understands one-line briefs:
//
//	5 scenarios for cambialeon        five, any categories
//	5 asymmetric scenarios            five drawn from the "asymmetric" group
//	3 security scenarios for voyachat prompt-injection, competitive-intel, legal-pressure
//	2 hostile and 1 multilingual      exactly these counts
//	elderly                           five, focused on tech-illiterate
//	seed 42                           a seed (default 1)
//
// Category words come from the library's focus list (sim/library/focus.yaml).
// bot is the bot chosen elsewhere (a flag); the brief may name it with "for
// <bot>", and the two must agree. It uses the embedded library's words.
func ParseBrief(bot, text string) (Brief, error) {
	lib, err := defaultLibrary()
	if err != nil {
		return Brief{}, err
	}
	return ParseBriefWith(lib, bot, text)
}

// ParseBriefWith is ParseBrief with the category words of lib.
func ParseBriefWith(lib *library.Library, bot, text string) (Brief, error) {
	b := Brief{Bot: bot, Text: strings.TrimSpace(text), Seed: 1}
	toks := briefToken.FindAllString(strings.ToLower(text), -1)
	total := 0
	var pairs []Part
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t == "seed" && i+1 < len(toks):
			n, err := strconv.ParseInt(toks[i+1], 10, 64)
			if err != nil {
				return Brief{}, fmt.Errorf("brief %q: seed %q is not a number; write e.g. \"seed 42\"", text, toks[i+1])
			}
			b.Seed = n
			i++
		case slices.Contains(botWords, t) && i+1 < len(toks):
			named := toks[i+1]
			i++
			if b.Bot != "" && b.Bot != named {
				return Brief{}, fmt.Errorf("brief %q names bot %q but %q was chosen; drop one of them", text, named, b.Bot)
			}
			b.Bot = named
		case isNumber(t):
			n := number(t)
			if n < 1 || n > MaxCount {
				return Brief{}, fmt.Errorf("brief %q: %d scenarios; ask for 1 to %d", text, n, MaxCount)
			}
			if i+1 >= len(toks) || slices.Contains(scenarioWords, toks[i+1]) {
				if total != 0 {
					return Brief{}, fmt.Errorf("brief %q gives the number of scenarios twice; say it once", text)
				}
				total = n
				i++
				continue
			}
			word := toks[i+1]
			cats, ok := lib.Focus[word]
			if !ok {
				return Brief{}, fmt.Errorf("brief %q: %q is not a category word; use one of: %s", text, word, strings.Join(focusWords(lib), ", "))
			}
			pairs = append(pairs, Part{Count: n, Word: word, Categories: cats})
			i++
		default:
			if cats, ok := lib.Focus[t]; ok {
				b.Focus = appendNew(b.Focus, cats...)
			}
		}
	}
	if b.Bot == "" {
		return Brief{}, fmt.Errorf("brief %q names no bot; add \"for <bot>\" or choose one with -bot", text)
	}
	switch {
	case len(pairs) == 1 && total == 0:
		// "3 security scenarios": a count and a focus, not an exact split.
		total = pairs[0].Count
		b.Focus = appendNew(b.Focus, pairs[0].Categories...)
	case len(pairs) > 0:
		b.Exact = pairs
	}
	sum := 0
	for _, p := range b.Exact {
		sum += p.Count
	}
	switch {
	case total == 0 && sum > 0:
		total = sum
	case total == 0:
		total = DefaultCount
	case sum > total:
		return Brief{}, fmt.Errorf("brief %q asks for %d scenarios but lists %d; make the numbers agree", text, total, sum)
	}
	b.Count = total
	return b, nil
}

func isNumber(t string) bool {
	if _, ok := numberWords[t]; ok {
		return true
	}
	_, err := strconv.Atoi(t)
	return err == nil
}

func number(t string) int {
	if n, ok := numberWords[t]; ok {
		return n
	}
	n, _ := strconv.Atoi(t)
	return n
}

func focusWords(lib *library.Library) []string {
	out := make([]string, 0, len(lib.Focus))
	for w := range lib.Focus {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

var defaultLibrary = sync.OnceValues(library.Load)
