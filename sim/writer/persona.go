package writer

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// person is one persona being drawn, with what the conversation needs to
// speak as them.
type person struct {
	cat      *library.Category
	first    string
	surname  string
	mainLang string   // the bot language the customer mostly writes in
	say      []string // bot languages the bot-facing words come in
	flavour  []string // languages of the persona's own words around them
	style    library.Style
	vars     map[string]string // slot values, drawn once so the persona stays consistent
	persona  scenario.Persona
}

// drawPerson draws a persona of category c for bot.
func drawPerson(c *library.Category, bot Bot, lib *library.Library, rng *rand.Rand) (*person, error) {
	p := &person{cat: c, vars: map[string]string{}}
	var langs []string
	for _, l := range bot.Languages {
		if len(c.Cultures[l]) > 0 {
			langs = append(langs, l)
			if l == bot.Languages[0] {
				langs = append(langs, l, l) // the bot's default language is the common case
			}
		}
	}
	if len(langs) == 0 {
		return nil, fmt.Errorf("library category %s has no cultures for %s's languages %v; add some under cultures:", c.Name, bot.Name, bot.Languages)
	}
	p.mainLang = pick(rng, langs)
	culture := pick(rng, c.Cultures[p.mainLang])
	p.say = []string{p.mainLang}
	p.flavour = []string{p.mainLang}
	if c.Name == "multilingual" {
		// Mother tongue from the culture; maybe a third language on top, and
		// maybe the bot's other language for the bot-facing words.
		p.flavour = []string{culture}
		if others := without(c.Mix, culture); len(others) > 0 && rng.IntN(2) == 0 {
			p.flavour = append(p.flavour, pick(rng, others))
		}
		if others := without(bot.Languages, p.mainLang); len(others) > 0 && rng.IntN(2) == 0 {
			p.say = append(p.say, pick(rng, others))
		}
	}

	gender := pick(rng, []string{"f", "m"})
	p.first = pick(rng, lib.People.Names[culture][gender])
	p.surname = pick(rng, lib.People.Surnames[culture])
	city := pick(rng, cityPool(lib, p.mainLang))
	age := c.Ages[0] + rng.IntN(c.Ages[1]-c.Ages[0]+1)
	name := p.first
	if ep := pick(rng, c.Epithets[gender]); ep != "" {
		name = ep + " " + p.first
	}
	p.style = pick(rng, c.Styles)

	p.vars["first"], p.vars["surname"], p.vars["city"] = p.first, p.surname, city
	p.vars["age"] = fmt.Sprint(age)
	p.vars["bot"] = bot.DisplayName
	p.vars["mother"] = langName(lib, culture)
	for slot, vals := range sortedSlots(c.Slots) {
		p.vars[slot] = pick(rng, vals)
	}
	languages := appendNew(slices.Clone(p.say), p.flavour...)
	p.persona = scenario.Persona{
		Name:      name,
		Age:       age,
		Backstory: fill(pick(rng, c.Backstories), p.vars),
		Style:     p.style.Describe,
		Languages: languages,
	}
	return p, nil
}

func cityPool(lib *library.Library, lang string) []string {
	if c := lib.People.Cities[lang]; len(c) > 0 {
		return c
	}
	return lib.People.Cities["es"]
}

func langName(lib *library.Library, code string) string {
	if n := lib.People.Languages[code]; n != "" {
		return n
	}
	return code
}

// sortedSlots yields a category's slots in name order, so draws are deterministic.
func sortedSlots(m map[string][]string) func(func(string, []string) bool) {
	return func(yield func(string, []string) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

var slotRE = regexp.MustCompile(`\{([a-z_0-9]+)\}`)

// fill replaces {slot} with vars[slot]; unknown slots stay, and a test
// makes sure none survive in generated scenarios.
func fill(tpl string, vars map[string]string) string {
	return slotRE.ReplaceAllStringFunc(tpl, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

func pick[T any](rng *rand.Rand, items []T) T {
	var zero T
	if len(items) == 0 {
		return zero
	}
	return items[rng.IntN(len(items))]
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

// kebabID makes "Grandma Carmen" into grandma-carmen.
func kebabID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(stripAccents(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'ñ':
			b.WriteRune('n')
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
