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
		err             string
	}{
		{name: "reads a count and the bot", text: "5 scenarios for cambialeon",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1}},
		{name: "reads a group as the focus of the whole batch", bot: "cambialeon", text: "5 asymmetric scenarios",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1, Focus: []string{"wrong-product", "multilingual", "prompt-injection", "time-pressure", "tech-illiterate"}}},
		{name: "reads security as injection, intel and legal pressure", text: "3 security scenarios for voyachat",
			want: writer.Brief{Bot: "voyachat", Count: 3, Seed: 1, Focus: security}},
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
		{name: "reads Spanish", bot: "cambialeon", text: "cinco escenarios para cambialeon",
			want: writer.Brief{Bot: "cambialeon", Count: 5, Seed: 1}},
		{name: "refuses two different bots", bot: "voyachat", text: "5 scenarios for cambialeon", err: `names bot "cambialeon" but "voyachat" was chosen`},
		{name: "refuses a brief with no bot", text: "5 scenarios", err: `names no bot; add "for <bot>" or choose one with -bot`},
		{name: "refuses an unknown category word after a number", bot: "cambialeon", text: "3 angri scenarios", err: `"angri" is not a category word; use one of:`},
		{name: "refuses exact counts above the total", bot: "cambialeon", text: "3 scenarios: 2 hostile and 2 spies", err: "asks for 3 scenarios but lists 4"},
		{name: "refuses an absurd count", bot: "cambialeon", text: "500 scenarios", err: "ask for 1 to 50"},
		{name: "refuses a seed that is not a number", bot: "cambialeon", text: "5 scenarios seed x", err: `seed "x" is not a number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := writer.ParseBrief(c.bot, c.text)
			if c.err != "" {
				assert.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			c.want.Text = c.text
			assert.Equal(t, c.want, got)
		})
	}
}

func TestBriefRules(t *testing.T) {
	t.Run("ask for three categories by default", func(t *testing.T) {
		b, err := writer.ParseBrief("cambialeon", "4 scenarios")
		require.NoError(t, err)
		assert.Equal(t, 3, b.Rules().MinCategories)
		assert.Equal(t, 4, b.Rules().Count)
	})
	t.Run("honour exact counts that name fewer categories", func(t *testing.T) {
		b, err := writer.ParseBrief("cambialeon", "2 hostile and 1 multilingual")
		require.NoError(t, err)
		assert.Equal(t, 2, b.Rules().MinCategories)
	})
}
