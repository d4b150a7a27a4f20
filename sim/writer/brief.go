package writer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// DefaultCount is the batch size of docs/scenarios.md §2.
const DefaultCount = 5

// MaxCount bounds a batch: a brief asking for more is probably a typo.
const MaxCount = 50

// Brief is what the user asked for, parsed.
type Brief struct {
	Bot   string
	Text  string // the sentence it came from
	Count int    // scenarios in the batch
	// Focus are the categories the batch draws from (empty: all). A focus
	// is honoured as written: "3 hostile scenarios" is three hostile
	// customers. The three-category mix of docs/scenarios.md §2 is for
	// briefs whose focus is wider ("5 asymmetric scenarios") or absent.
	Focus []string
	// Exact are per-category counts the user spelled out ("2 hostile and 1
	// multilingual"); they are honoured as written, and any remainder of
	// Count is drawn as for Focus.
	Exact []Part
	// Languages are the customers' main languages (codes, e.g. "en") when
	// the brief names some ("in English"); empty means any of the bot's.
	Languages []string
	Seed      int64
}

// Part is "N of these categories".
type Part struct {
	Count      int
	Word       string   // as the brief said it: "hostile", "security"
	Categories []string // what the word means
}

// Rules are the batch rules this brief promises: its count, and at least
// three categories, or as many as the brief lets the batch draw from when
// that is fewer ("3 hostile scenarios" has one, "2 hostile and 1
// multilingual" two).
func (b Brief) Rules() scenario.BatchRules {
	return scenario.BatchRules{Count: b.Count, MinCategories: min(3, b.Count, b.spread())}
}

// spread is how many categories the batch may draw from; 3 stands for "any".
func (b Brief) spread() int {
	cats, exact := map[string]bool{}, 0
	for _, p := range b.Exact {
		exact += p.Count
		for _, c := range p.Categories {
			cats[c] = true
		}
	}
	if exact < b.Count {
		if len(b.Focus) == 0 {
			return 3
		}
		for _, c := range b.Focus {
			cats[c] = true
		}
	}
	return len(cats)
}

var briefToken = regexp.MustCompile(`[\p{L}0-9][\p{L}0-9_-]*`)

// ParseBrief understands one-line briefs:
//
//	5 scenarios for cambialeon        five, at least three categories
//	5 asymmetric scenarios            five drawn from the "asymmetric" group
//	3 security scenarios for voyachat prompt-injection, competitive-intel, legal-pressure
//	3 hostile scenarios               three hostile customers
//	2 hostile and 1 multilingual      exactly these counts
//	elderly                           five, all tech-illiterate
//	4 scenarios in English            customers writing English
//	seed 42                           a seed (default 1)
//
// Category words come from the library's focus list (sim/library/focus.yaml).
// bot is the bot chosen elsewhere (a flag); the brief may name it with "for
// <bot>", and the two must agree. A word it does not understand is refused,
// with a did-you-mean and the words it does. It uses the embedded library.
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
	fail := func(format string, a ...any) (Brief, error) {
		return Brief{}, fmt.Errorf("brief %q: "+format, append([]any{text}, a...)...)
	}
	langs := languageWords(lib)
	toks := briefToken.FindAllString(strings.ToLower(text), -1)
	total := 0
	var pairs []Part
	var unknown []string
	for i := 0; i < len(toks); i++ {
		t, next := toks[i], ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch {
		case slices.Contains(seedWords, t):
			if next == "" {
				return fail(`%q has no number after it; write e.g. "seed 42"`, t)
			}
			n, err := strconv.ParseInt(next, 10, 64)
			if err != nil {
				return fail(`seed %q is not a number; write e.g. "seed 42"`, next)
			}
			b.Seed = n
			i++
		case slices.Contains(botWords, t) && next != "" && !known(lib, langs, next):
			if b.Bot != "" && b.Bot != next {
				return fail("names bot %q but %q was chosen; drop one of them", next, b.Bot)
			}
			b.Bot = next
			i++
		case isNumber(t):
			n := number(t)
			if n < 1 || n > MaxCount {
				return fail("%s scenarios; ask for 1 to %d", t, MaxCount)
			}
			if cats, ok := lib.Focus[next]; ok {
				pairs = append(pairs, Part{Count: n, Word: next, Categories: cats})
				i++
				continue
			}
			if total != 0 {
				return fail("gives the number of scenarios twice; say it once")
			}
			total = n
		case lib.Focus[t] != nil:
			b.Focus = appendNew(b.Focus, lib.Focus[t]...)
		case langs[t] != "":
			b.Languages = appendNew(b.Languages, langs[t])
		case t == b.Bot, slices.Contains(scenarioWords, t), slices.Contains(fillerWords, t), slices.Contains(botWords, t):
		default:
			unknown = append(unknown, t)
		}
	}
	if len(unknown) > 0 {
		return Brief{}, unknownWords(lib, b.Bot, text, unknown)
	}
	if b.Bot == "" {
		return fail(`names no bot; add "for <bot>" or choose one with -bot`)
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
		return fail("asks for %d scenarios but lists %d; make the numbers agree", total, sum)
	}
	b.Count = total
	return b, nil
}

// known says whether t is a word of the brief's vocabulary other than a
// bot's name, so "for hostile customers" is not read as a bot called hostile.
func known(lib *library.Library, langs map[string]string, t string) bool {
	return lib.Focus[t] != nil || langs[t] != "" || isNumber(t) ||
		slices.Contains(scenarioWords, t) || slices.Contains(fillerWords, t) || slices.Contains(seedWords, t)
}

func isNumber(t string) bool {
	if _, ok := numberWords[t]; ok {
		return true
	}
	return t != "" && strings.Trim(t, "0123456789") == ""
}

// number is t's value; digits too many for an int read as more than
// MaxCount, which the caller refuses.
func number(t string) int {
	if n, ok := numberWords[t]; ok {
		return n
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return MaxCount + 1
	}
	return n
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
