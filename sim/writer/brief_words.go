package writer

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// The words of a brief besides the library's category words. Briefs are
// written in English or Spanish, so both are here.
var (
	numberWords = map[string]int{
		"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
		"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	}
	scenarioWords = []string{"scenario", "scenarios", "escenario", "escenarios", "sim", "sims", "batch", "persona", "personas",
		"conversation", "conversations", "conversación", "conversaciones", "customer", "customers", "cliente", "clientes"}
	botWords  = []string{"for", "para", "against", "contra", "on"}
	seedWords = []string{"seed", "semilla"}
	// fillerWords carry no meaning for the writer: "2 hostile and 1
	// multilingual", "scenarios in English", "escenarios en inglés".
	fillerWords = []string{"and", "y", "e", "with", "con", "of", "de", "a", "an", "the", "some", "unos", "unas",
		"in", "en", "who", "que", "speak", "speaking", "write", "writing", "hablan", "escriben"}
	// spanishLanguageNames are the Spanish names of the library's
	// languages; the English ones are the library's own (people.yaml).
	spanishLanguageNames = map[string][]string{
		"es": {"español", "espanol", "castellano"}, "en": {"inglés", "ingles"}, "fr": {"francés", "frances"},
		"ja": {"japonés", "japones"}, "de": {"alemán", "aleman"}, "it": {"italiano"}, "pt": {"portugués", "portugues"},
		"ro": {"rumano"}, "ca": {"catalán"},
	}
)

// languageWords maps every name of a library language, in English and in
// Spanish, to its code: "english" and "inglés" to "en".
func languageWords(lib *library.Library) map[string]string {
	out := map[string]string{}
	for code, name := range lib.People.Languages {
		out[strings.ToLower(name)] = code
		for _, n := range spanishLanguageNames[code] {
			out[n] = code
		}
	}
	return out
}

// unknownWords is the refusal of a brief with words the writer does not
// understand: each word with the nearest one it knows, then every word it
// knows, grouped by what they do.
func unknownWords(lib *library.Library, bot, text string, unknown []string) error {
	langs := languageWords(lib)
	vocabulary := slices.Concat(slices.Collect(maps.Keys(lib.Focus)), slices.Collect(maps.Keys(langs)),
		slices.Collect(maps.Keys(numberWords)), scenarioWords, botWords, seedWords, fillerWords)
	if bot != "" {
		vocabulary = append(vocabulary, bot)
	}
	var words []string
	for _, u := range unknown {
		w := fmt.Sprintf("%q", u)
		// A word of one or two letters is near too many others to guess.
		if near := strictyaml.Nearest(u, vocabulary); near != "" && utf8.RuneCountInString(u) >= 3 {
			w += fmt.Sprintf(" (did you mean %q?)", near)
		}
		words = append(words, w)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "brief %q: the writer does not understand %s; rephrase it with these words, or add a category word to sim/library/focus.yaml:\n",
		text, strings.Join(words, ", "))
	fmt.Fprintf(&b, "  a number of scenarios: 1 to %d, in digits or a word (one … ten, uno … diez); 2 hostile and 1 multilingual for exact counts\n", MaxCount)
	categories, groups := focusVocabulary(lib)
	fmt.Fprintf(&b, "  categories: %s\n", strings.Join(categories, "; "))
	fmt.Fprintf(&b, "  groups of categories (the batch mixes them): %s\n", strings.Join(groups, "; "))
	var names []string
	for _, code := range slices.Sorted(maps.Keys(lib.People.Languages)) {
		name := strings.ToLower(lib.People.Languages[code])
		if es := spanishLanguageNames[code]; len(es) > 0 {
			name += " (" + es[0] + ")"
		}
		names = append(names, name)
	}
	fmt.Fprintf(&b, "  the customers' language, of those the bot speaks: %s\n", strings.Join(names, ", "))
	named := "<bot>"
	if bot != "" {
		named = bot
	}
	fmt.Fprintf(&b, "  the bot: %s %s\n", strings.Join(botWords, "/"), named)
	fmt.Fprintf(&b, "  the seed: %s <n>\n", strings.Join(seedWords, "/"))
	fmt.Fprintf(&b, "  and words the writer passes over: %s", strings.Join(slices.Concat(scenarioWords, fillerWords), ", "))
	return fmt.Errorf("%s", b.String())
}

// focusVocabulary lists the library's category words: each category with
// the other words that mean it ("hostile (aggressive, angry)"), and each
// group with what it means ("security = competitive-intel, ...").
func focusVocabulary(lib *library.Library) (categories, groups []string) {
	synonyms := map[string][]string{}
	for _, word := range slices.Sorted(maps.Keys(lib.Focus)) {
		cats := lib.Focus[word]
		switch {
		case len(cats) == 0:
		case len(cats) > 1:
			groups = append(groups, word+" = "+strings.Join(slices.Sorted(slices.Values(cats)), ", "))
		case word != cats[0]:
			synonyms[cats[0]] = append(synonyms[cats[0]], word)
		}
	}
	for _, c := range lib.CategoryNames() {
		entry := c
		if s := synonyms[c]; len(s) > 0 {
			entry += " (" + strings.Join(s, ", ") + ")"
		}
		categories = append(categories, entry)
	}
	return categories, groups
}
