package writer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/writer"
)

func TestParseBrief(t *testing.T) {
	security := []string{"prompt-injection", "competitive-intel", "legal-pressure"}
	cases := []struct {
		name, bot, text string
		want            writer.Brief
	}{
		{name: "reads a count and the bot", text: "5 scenarios for cambialeon",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1}},
		{name: "reads a group as the focus of the whole batch", bot: "cambialeon", text: "5 asymmetric scenarios",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1, Focus: []string{"wrong-product", "multilingual", "prompt-injection", "time-pressure", "tech-illiterate"}}},
		{name: "reads security as injection, intel and legal pressure", text: "3 security scenarios for voyachat",
			want: writer.Brief{Bot: "voyachat", Count: 3, Seed: 1, Focus: security}},
		{name: "reads a count of one category as that many of it", bot: "voyachat", text: "3 hostile scenarios",
			want: writer.Brief{Bot: "voyachat", Count: 3, Seed: 1, Focus: []string{"hostile"}}},
		{name: "reads a synonym the library knows as its category", bot: "voyachat", text: "4 furious customers",
			want: writer.Brief{Bot: "voyachat", Count: 4, Seed: 1, Focus: []string{"hostile"}}},
		{name: "reads exact counts per category", bot: "voyachat", text: "2 hostile and 1 multilingual",
			want: writer.Brief{Bot: "voyachat", Count: 3, Seed: 1, Exact: []writer.Part{
				{Count: 2, Word: "hostile", Categories: []string{"hostile"}},
				{Count: 1, Word: "multilingual", Categories: []string{"multilingual"}}}}},
		{name: "reads elderly as tech-illiterate and defaults to five", bot: "cambialeon", text: "elderly",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1, Focus: []string{"tech-illiterate"}}},
		{name: "reads number words and a seed", bot: "cambialeon", text: "three rushed scenarios, seed 42",
			want: writer.Brief{Bot: "cambialeon", Count: 3, Seed: 42, Focus: []string{"time-pressure"}}},
		{name: "fills the rest of a total after exact counts", bot: "cambialeon", text: "6 scenarios: 2 lawyers",
			want: writer.Brief{Bot: "cambialeon", Count: 6, Seed: 1, Exact: []writer.Part{{Count: 2, Word: "lawyers", Categories: []string{"legal-pressure"}}}}},
		{name: "reads Spanish", bot: "cambialeon", text: "cinco escenarios para cambialeon, semilla 3",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 3}},
		{name: "reads a language by its English name", bot: "voyachat", text: "4 scenarios in English",
			want: writer.Brief{Bot: "voyachat", Count: 4, Seed: 1, Languages: []string{"en"}}},
		{name: "reads a language by its Spanish name", bot: "voyachat", text: "4 escenarios en inglés",
			want: writer.Brief{Bot: "voyachat", Count: 4, Seed: 1, Languages: []string{"en"}}},
		{name: "reads the bot's name said without for", bot: "voyachat", text: "voyachat 2 spies",
			want: writer.Brief{Bot: "voyachat", Count: 2, Seed: 1, Focus: []string{"competitive-intel"}}},
		{name: "does not read for before a category word as a bot", bot: "voyachat", text: "2 scenarios for hackers",
			want: writer.Brief{Bot: "voyachat", Count: 2, Seed: 1, Focus: []string{"prompt-injection"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := writer.ParseBrief(c.bot, c.text)
			require.NoError(t, err)
			c.want.Text = c.text
			assert.Equal(t, c.want, got)
		})
	}
}

func TestParseBriefRefuses(t *testing.T) {
	cases := []struct {
		name, bot, text string
		want            []string // pieces of the message
	}{
		{name: "a typo of a category, with a did-you-mean", bot: "voyachat", text: "3 hostle scenarios",
			want: []string{`does not understand "hostle" (did you mean "hostile"?)`, "categories: competitive-intel (", "hostile (aggressive, angry,"}},
		{name: "a typo of a synonym, with a did-you-mean", bot: "cambialeon", text: "3 angri scenarios",
			want: []string{`"angri" (did you mean "angry"?)`}},
		{name: "a typo of the scenario word", bot: "cambialeon", text: "5 scenaros",
			want: []string{`"scenaros" (did you mean "scenarios"?)`}},
		{name: "every word it does not understand at once", bot: "voyachat", text: "5 purple elephant scenarios",
			want: []string{`"purple", "elephant"`}},
		{name: "a word with no near miss, listing what it understands", bot: "voyachat", text: "5 xyzzy scenarios",
			want: []string{`"xyzzy"; rephrase`, "groups of categories (the batch mixes them): adversarial = ", "security = competitive-intel, legal-pressure, prompt-injection",
				"the customers' language, of those the bot speaks: ", "english (inglés)", "the bot: for/para/against/contra/on voyachat", "the seed: seed/semilla <n>", "1 to 50"}},
		{name: "a language the library does not know", bot: "voyachat", text: "3 scenarios in klingon", want: []string{`"klingon"`}},
		{name: "two different bots", bot: "voyachat", text: "5 scenarios for cambialeon", want: []string{`names bot "cambialeon" but "voyachat" was chosen`}},
		{name: "a brief with no bot", text: "5 scenarios", want: []string{`names no bot; add "for <bot>" or choose one with -bot`}},
		{name: "exact counts above the total", bot: "cambialeon", text: "3 scenarios: 2 hostile and 2 spies", want: []string{"asks for 3 scenarios but lists 4"}},
		{name: "the count twice", bot: "cambialeon", text: "3 scenarios 4 scenarios", want: []string{"gives the number of scenarios twice"}},
		{name: "an absurd count", bot: "cambialeon", text: "500 scenarios", want: []string{"ask for 1 to 50"}},
		{name: "a count too long for a number", bot: "cambialeon", text: "99999999999999999999999 scenarios", want: []string{"ask for 1 to 50"}},
		{name: "a seed that is not a number", bot: "cambialeon", text: "5 scenarios seed x", want: []string{`seed "x" is not a number`}},
		{name: "a seed with no number", bot: "cambialeon", text: "5 scenarios seed", want: []string{`"seed" has no number after it`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := writer.ParseBrief(c.bot, c.text)
			require.Error(t, err)
			for _, w := range c.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestBriefRules(t *testing.T) {
	cases := []struct {
		text          string
		minCategories int
	}{
		{"4 scenarios", 3},
		{"5 asymmetric scenarios", 3},
		{"2 scenarios", 2},
		{"3 hostile scenarios", 1},
		{"5 privacy scenarios", 2},
		{"2 hostile and 1 multilingual", 2},
		{"6 scenarios: 2 lawyers", 3},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			b, err := writer.ParseBrief("cambialeon", c.text)
			require.NoError(t, err)
			assert.Equal(t, c.minCategories, b.Rules().MinCategories)
			assert.Equal(t, b.Count, b.Rules().Count)
		})
	}
}
