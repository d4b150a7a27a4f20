package writer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// Writer turns a brief into scenarios. Offline is the seeded generator; an
// LLM-backed writer (prompted generation, validated, repaired or rejected)
// implements the same interface.
type Writer interface {
	Write(ctx context.Context, b Brief) ([]*scenario.Scenario, error)
}

// Offline writes scenarios from the persona and tactic library, with no
// model: deterministic for a seed.
type Offline struct {
	Bot     Bot
	Library *library.Library // nil: the embedded library
}

// Write implements Writer.
func (o Offline) Write(ctx context.Context, b Brief) ([]*scenario.Scenario, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lib := o.Library
	if lib == nil {
		var err error
		if lib, err = defaultLibrary(); err != nil {
			return nil, err
		}
	}
	return Generate(b, o.Bot, lib)
}

// Generate draws a batch for the brief: b.Count scenarios of bot, with the
// categories the brief asks for, each validated (schema and the bot's
// phases) and the batch checked against b.Rules(). The same brief (seed
// included), bot and library give the same scenarios.
func Generate(b Brief, bot Bot, lib *library.Library) ([]*scenario.Scenario, error) {
	if err := checkInputs(b, bot); err != nil {
		return nil, err
	}
	bot = speaking(bot, b.Languages)
	batch := rand.New(rand.NewPCG(uint64(b.Seed), 0xca7e9091))
	cats, err := allocate(b, lib, batch)
	if err != nil {
		return nil, err
	}
	var (
		out    []*scenario.Scenario
		ids    = map[string]bool{}
		firsts = map[string]bool{}
	)
	for i, cat := range cats {
		rng := rand.New(rand.NewPCG(uint64(b.Seed), uint64(i)+1))
		var s *scenario.Scenario
		// Redraw when a persona repeats an id or a first name: a batch of
		// five Carmens is not five people.
		for try := 0; ; try++ {
			s, err = draw(cat, bot, lib, rng)
			if err != nil {
				return nil, err
			}
			first := firstName(s.Persona.Name)
			if (!ids[s.ID] && !firsts[first]) || try == 20 {
				break
			}
		}
		base := s.ID
		for n := 2; ids[s.ID]; n++ {
			s.ID = fmt.Sprintf("%s-%d", base, n)
		}
		ids[s.ID], firsts[firstName(s.Persona.Name)] = true, true
		s.Seed = b.Seed
		if err := errors.Join(s.Validate(), s.ValidatePhases(bot.Phases)); err != nil {
			return nil, fmt.Errorf("writer drew an invalid scenario (a library or bot-data bug; fix the data, not the output):\n%w", err)
		}
		out = append(out, s)
	}
	if err := scenario.CheckBatch(out, b.Rules()); err != nil {
		return nil, fmt.Errorf("writer drew a batch that breaks the brief's rules:\n%w", err)
	}
	return out, nil
}

func checkInputs(b Brief, bot Bot) error {
	switch {
	case bot.Name == "":
		return errors.New("writer: the bot has no name; fill Bot from its manifest")
	case b.Bot != "" && b.Bot != bot.Name:
		return fmt.Errorf("writer: the brief is for %q but the bot is %q; load the brief's bot", b.Bot, bot.Name)
	case b.Count < 1:
		return fmt.Errorf("writer: the brief asks for %d scenarios; ask for at least one", b.Count)
	case len(bot.Languages) == 0:
		return fmt.Errorf("writer: bot %s has no languages; fill Bot.Languages from persona.languages", bot.Name)
	case len(bot.Phases) == 0:
		return fmt.Errorf("writer: bot %s has no phases; fill Bot.Phases from graph.phases", bot.Name)
	case bot.Start == "":
		return fmt.Errorf("writer: bot %s has no start phase; fill Bot.Start with the phase of graph.initial", bot.Name)
	}
	for _, l := range b.Languages {
		if !slices.Contains(bot.Languages, l) {
			return fmt.Errorf("writer: the brief %q asks for customers writing %q, but bot %s speaks %s (persona.languages of its manifest); ask for one of those",
				b.Text, l, bot.Name, strings.Join(bot.Languages, ", "))
		}
	}
	return nil
}

// speaking is bot as the writer sees it when the brief names the customers'
// languages: only those, in the bot's order, so its default stays first if
// asked for.
func speaking(bot Bot, langs []string) Bot {
	if len(langs) == 0 {
		return bot
	}
	var keep []string
	for _, l := range bot.Languages {
		if slices.Contains(langs, l) {
			keep = append(keep, l)
		}
	}
	bot.Languages = keep
	return bot
}

// draw makes one scenario of category cat.
func draw(cat string, bot Bot, lib *library.Library, rng *rand.Rand) (*scenario.Scenario, error) {
	c := lib.Categories[cat]
	p, err := drawPerson(c, bot, lib, rng)
	if err != nil {
		return nil, err
	}
	lo, hi := scenario.MinTurns, scenario.MaxTurns
	if c.Turns != [2]int{} {
		lo, hi = c.Turns[0], c.Turns[1]
	}
	maxTurns := lo + rng.IntN(hi-lo+1)
	cv, err := converse(p, bot, lib, maxTurns, rng)
	if err != nil {
		return nil, err
	}
	p.persona.Tactics = cv.tactics
	final := cv.path[len(cv.path)-1]
	outcome := fill(c.Outcome, map[string]string{"final": final})
	if cv.optOut {
		outcome += "; the customer opts out at the end: one confirmation, then silence"
	}
	title := fill(c.Title, map[string]string{"name": p.persona.Name, "bot": bot.DisplayName, "languages": languageList(lib, p.persona.Languages)})
	return &scenario.Scenario{
		ID:       kebabID(p.persona.Name),
		Bot:      bot.Name,
		Category: cat,
		Title:    title,
		Persona:  p.persona,
		Language: p.mainLang,
		Opening:  cv.messages[0],
		Turns:    scenario.TextTurns(cv.messages[1:]),
		MaxTurns: maxTurns,
		Expect: scenario.Expect{
			Outcome:    outcome,
			FinalPhase: final,
			PhasePath:  cv.path,
			OptOut:     cv.optOut,
			Handoff:    cv.handoff,
		},
		Must:    cv.must,
		MustNot: cv.mustNot,
	}, nil
}

func firstName(persona string) string {
	f := strings.Fields(persona)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// languageList is "Spanish, Japanese and French".
func languageList(lib *library.Library, codes []string) string {
	names := make([]string, 0, len(codes))
	for _, c := range codes {
		names = append(names, langName(lib, c))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(slices.Clip(names[:len(names)-1]), ", ") + " and " + names[len(names)-1]
}
