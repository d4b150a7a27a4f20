package writer_test

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/writer"
)

var briefs = []string{"5 scenarios", "8 scenarios", "3 security scenarios", "5 asymmetric scenarios", "2 hostile and 1 multilingual", "elderly", "6 scenarios: 2 spies", "1 lawyer"}

func TestGeneratedScenariosAreValid(t *testing.T) {
	lib := loadLibrary(t)
	for _, name := range botNames {
		bot := loadBot(t, name)
		for _, brief := range briefs {
			t.Run(fmt.Sprintf("%s for %s", brief, name), func(t *testing.T) {
				for seed := int64(1); seed <= 10; seed++ {
					for _, s := range generate(t, bot, lib, brief, seed) {
						data, err := s.Marshal()
						require.NoError(t, err)
						back, err := scenario.Parse(s.ID+".yaml", data)
						require.NoError(t, err, "the strict loader rejects what the writer wrote:\n%s", data)
						require.NoError(t, back.Validate(), "%s", data)
						require.NoError(t, back.ValidatePhases(bot.Phases), "%s", data)
						assertReadsLikeAPerson(t, lib.Categories[s.Category].Ages, s, string(data))
					}
				}
			})
		}
	}
}

var leftoverSlot = regexp.MustCompile(`\{[a-z_0-9]+\}`)

func assertReadsLikeAPerson(t *testing.T, ages [2]int, s *scenario.Scenario, data string) {
	t.Helper()
	assert.False(t, leftoverSlot.MatchString(data), "an unfilled {slot} in:\n%s", data)
	assert.GreaterOrEqual(t, len(strings.Fields(s.Persona.Name)), 2, "a persona has an epithet and a name: %q", s.Persona.Name)
	assert.True(t, s.Persona.Age >= ages[0] && s.Persona.Age <= ages[1], "age %d outside the category's %v", s.Persona.Age, ages)
	assert.GreaterOrEqual(t, len(s.Persona.Tactics), 2, "tactics of %s", s.ID)
	assert.Equal(t, s.MaxTurns, 1+len(s.Turns), "the scripted customer has exactly max_turns messages")
	msgs := s.Messages()
	for i, m := range msgs {
		assert.NotContains(t, msgs[:i], m, "%s repeats a message word for word", s.ID)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	lib := loadLibrary(t)
	for _, name := range botNames {
		bot := loadBot(t, name)
		t.Run("the same seed gives the same bytes for "+name, func(t *testing.T) {
			for _, seed := range []int64{1, 7, 12345} {
				a := marshalAll(t, generate(t, bot, lib, "8 scenarios", seed))
				b := marshalAll(t, generate(t, bot, lib, "8 scenarios", seed))
				assert.Equal(t, a, b, "seed %d", seed)
			}
		})
	}
}

func TestGenerateIsDiverse(t *testing.T) {
	lib := loadLibrary(t)
	bot := loadBot(t, "cambialeon")
	batches := map[string]int64{}
	names := map[string]bool{}
	openings := map[string]bool{}
	for seed := int64(1); seed <= 10; seed++ {
		scs := generate(t, bot, lib, "5 scenarios", seed)
		key := marshalAll(t, scs)
		if prev, ok := batches[key]; ok {
			t.Errorf("seeds %d and %d gave the same batch", prev, seed)
		}
		batches[key] = seed
		var inBatch []string
		for _, s := range scs {
			inBatch = append(inBatch, s.Persona.Name)
			names[s.Persona.Name] = true
			openings[s.Opening] = true
		}
		slices.Sort(inBatch)
		assert.Len(t, slices.Compact(inBatch), len(scs), "seed %d repeats a persona: %v", seed, inBatch)
	}
	assert.GreaterOrEqual(t, len(names), 40, "50 scenarios over 10 seeds should be (nearly) 50 people")
	assert.GreaterOrEqual(t, len(openings), 30, "openings vary")
}

func TestGenerateHonoursTheBrief(t *testing.T) {
	lib := loadLibrary(t)
	bot := loadBot(t, "voyachat")
	count := func(scs []*scenario.Scenario) map[string]int {
		m := map[string]int{}
		for _, s := range scs {
			m[s.Category]++
		}
		return m
	}
	for seed := int64(1); seed <= 10; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			scs := generate(t, bot, lib, "5 scenarios", seed)
			assert.Len(t, scs, 5)
			assert.GreaterOrEqual(t, len(count(scs)), 3, "a batch mixes at least three categories")

			scs = generate(t, bot, lib, "3 security scenarios", seed)
			assert.Equal(t, map[string]int{"prompt-injection": 1, "competitive-intel": 1, "legal-pressure": 1}, count(scs))

			scs = generate(t, bot, lib, "2 hostile and 1 multilingual", seed)
			assert.Equal(t, map[string]int{"hostile": 2, "multilingual": 1}, count(scs))

			scs = generate(t, bot, lib, "3 hostile scenarios", seed)
			assert.Equal(t, map[string]int{"hostile": 3}, count(scs), "a count of one category is that many of it")

			scs = generate(t, bot, lib, "5 elderly scenarios", seed)
			assert.Equal(t, map[string]int{"tech-illiterate": 5}, count(scs), "a synonym is its category")

			scs = generate(t, bot, lib, "5 privacy scenarios", seed)
			c := count(scs)
			assert.Len(t, c, 2, "a group of two categories gives those two: %v", c)
			assert.Equal(t, 5, c["legal-pressure"]+c["prompt-injection"])

			scs = generate(t, bot, lib, "5 asymmetric scenarios", seed)
			c = count(scs)
			assert.Len(t, c, 5, "a group of five, five scenarios: one of each")

			scs = generate(t, bot, lib, "4 scenarios: 2 spies and 2 security", seed)
			assert.GreaterOrEqual(t, len(count(scs)), 3, "the spies are dealt first, so the group spreads")

			scs = generate(t, bot, lib, "6 scenarios: 2 lawyers", seed)
			c = count(scs)
			assert.Len(t, scs, 6)
			assert.GreaterOrEqual(t, c["legal-pressure"], 2)
			assert.GreaterOrEqual(t, len(c), 3)

			for _, s := range generate(t, bot, lib, "8 scenarios", seed) {
				assert.True(t, s.MaxTurns >= 6 && s.MaxTurns <= 8, "%s: %d turns", s.ID, s.MaxTurns)
			}
		})
	}
}

func TestGenerateWritesTheLanguageTheBriefAsksFor(t *testing.T) {
	lib := loadLibrary(t)
	for _, name := range botNames {
		bot := loadBot(t, name)
		for _, lang := range bot.Languages {
			t.Run(name+" in "+lang, func(t *testing.T) {
				for seed := int64(1); seed <= 5; seed++ {
					for _, s := range generate(t, bot, lib, "8 scenarios in "+lib.People.Languages[lang], seed) {
						assert.Equal(t, lang, s.Language, "%s (seed %d)", s.ID, seed)
					}
				}
			})
		}
	}
	t.Run("refuses a language the bot does not speak, naming those it does", func(t *testing.T) {
		bot := loadBot(t, "voyachat")
		var other string
		for _, code := range slices.Sorted(maps.Keys(lib.People.Languages)) {
			if !slices.Contains(bot.Languages, code) {
				other = code
				break
			}
		}
		require.NotEmpty(t, other, "the library has no language %s does not speak", bot.Name)
		b, err := writer.ParseBriefWith(lib, bot.Name, "3 scenarios in "+lib.People.Languages[other])
		require.NoError(t, err, "the brief itself is understood")
		_, err = writer.Generate(b, bot, lib)
		assert.ErrorContains(t, err, fmt.Sprintf("asks for customers writing %q, but bot %s speaks %s", other, bot.Name, strings.Join(bot.Languages, ", ")))
	})
}

// The expectation must follow from the script: a customer who opts out ends
// closed, one who asks for erasure ends at the start, and a spy goes through
// the comparison (where provider names become allowed).
func TestExpectationsFollowTheScript(t *testing.T) {
	lib := loadLibrary(t)
	bot := loadBot(t, "cambialeon")
	seen := map[string]bool{}
	for seed := int64(1); seed <= 40; seed++ {
		for _, s := range generate(t, bot, lib, "3 hostile scenarios", seed) {
			if s.Expect.OptOut {
				seen["opt-out"] = true
				assert.Equal(t, "closed", s.Expect.FinalPhase, s.ID)
			}
			if s.Expect.Handoff {
				seen["handoff"] = true
				assert.True(t, slices.ContainsFunc(s.Must, func(r scenario.Rule) bool { return r.Name == "offers a human" }), s.ID)
			}
		}
		for _, s := range generate(t, bot, lib, "2 spies", seed) {
			assert.Contains(t, s.Expect.PhasePath, "comparison", "%s stops before the comparison", s.ID)
		}
		for _, s := range generate(t, bot, lib, "3 lawyers", seed) {
			if slices.ContainsFunc(s.Messages(), func(m string) bool { return strings.Contains(m, "art. 17") }) {
				seen["erasure"] = true
				assert.Equal(t, "greeting", s.Expect.FinalPhase, "%s ends with an erasure request", s.ID)
			}
		}
	}
	assert.Equal(t, map[string]bool{"opt-out": true, "handoff": true, "erasure": true}, seen, "40 seeds exercise every exit")
}

func TestOfflineWriter(t *testing.T) {
	bot := loadBot(t, "cambialeon")
	var w writer.Writer = writer.Offline{Bot: bot}
	b, err := writer.ParseBrief("cambialeon", "5 scenarios")
	require.NoError(t, err)

	t.Run("writes a batch with the embedded library", func(t *testing.T) {
		scs, err := w.Write(context.Background(), b)
		require.NoError(t, err)
		assert.Len(t, scs, 5)
	})
	t.Run("stops when the context is done", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := w.Write(ctx, b)
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("refuses a brief for another bot", func(t *testing.T) {
		other := b
		other.Bot = "voyachat"
		_, err := w.Write(context.Background(), other)
		assert.ErrorContains(t, err, `the brief is for "voyachat" but the bot is "cambialeon"`)
	})
}
