package writer

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"github.com/caas-testing/caas-testing/sim/library"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// conversation is a drawn script and what the bot should make of it.
type conversation struct {
	messages []string
	tactics  []string
	must     []scenario.Rule
	mustNot  []scenario.Rule
	path     []string // expected phase path
	optOut   bool
	handoff  bool
}

// slot is one customer turn after the opening: a step of the happy path, or
// one of the category's lines.
type slot struct {
	line *library.Line // nil: the next journey step
}

// converse draws the script: an opening, then maxTurns-1 turns mixing the
// happy path with the category's lines. Lines that move the session out of
// the flow (opt-out, erasure) only ever come last, so the expected phases
// follow from the journey.
func converse(p *person, bot Bot, lib *library.Library, maxTurns int, rng *rand.Rand) (*conversation, error) {
	c := p.cat
	cv := &conversation{path: []string{bot.Start}}
	journey := sayable(bot, lib, p.say)

	openings := usable(c.Openings, bot, p)
	if len(openings) == 0 {
		return nil, fmt.Errorf("library category %s: no opening the bot %s can be told (intents without utterances in %v)", c.Name, bot.Name, p.say)
	}
	open := pick(rng, openings)
	step := 0
	if len(journey) > 0 && open.Intent == journey[0].Intent {
		step = 1 // the opening is the first step of the happy path
	}
	text, err := p.line(open, bot, lib, rng)
	if err != nil {
		return nil, err
	}
	cv.messages = append(cv.messages, text)
	cv.addLine(open, bot)
	if step == 1 {
		cv.advance(journey[0])
	}

	turns := maxTurns - 1
	lines := usable(c.Lines, bot, p)
	beats := c.Beats[0] + rng.IntN(c.Beats[1]-c.Beats[0]+1)
	left := len(journey) - step
	beats = max(beats, turns-left) // a short journey leaves room for more lines
	beats = min(beats, turns)
	if len(lines) == 0 {
		beats = 0
	}
	plan, err := arrange(drawLines(lines, beats, bot, rng), turns, rng)
	if err != nil {
		return nil, fmt.Errorf("library category %s: %w", c.Name, err)
	}
	for _, s := range plan {
		if s.line != nil {
			text, err := cv.fresh(func() (string, error) { return p.line(*s.line, bot, lib, rng) })
			if err != nil {
				return nil, err
			}
			cv.messages = append(cv.messages, text)
			cv.addLine(*s.line, bot)
			continue
		}
		if step >= len(journey) {
			return nil, fmt.Errorf("library category %s: ran out of happy-path steps; give it more lines or fewer turns", c.Name)
		}
		// The first step after an opening that was not it (a greeting after
		// a probe) is said plainly: "De acuerdo: hola" reads like no one.
		bare := step == 0
		text, err := cv.fresh(func() (string, error) { return p.step(journey[step].Intent, bare, bot, lib, rng) })
		if err != nil {
			return nil, err
		}
		cv.messages = append(cv.messages, text)
		cv.advance(journey[step])
		step++
	}
	// The tactics the lines carried out, topped up to three from the category.
	want := max(3, len(cv.tactics))
	cv.tactics = appendNew(cv.tactics, shuffled(c.Tactics, rng)...)
	cv.tactics = cv.tactics[:min(want, len(cv.tactics))]
	cv.must = mergeRules(cv.must, c.Must)
	cv.mustNot = mergeRules(cv.mustNot, c.MustNot)
	return cv, nil
}

// sayable is the happy path up to the first step the customer cannot say
// (an event such as a Stripe payment): the scripted customer stops there.
func sayable(bot Bot, lib *library.Library, langs []string) []Step {
	for i, s := range bot.Journey {
		if !canSay(s.Intent, bot, lib, langs) {
			return bot.Journey[:i]
		}
	}
	return bot.Journey
}

func canSay(intent string, bot Bot, lib *library.Library, langs []string) bool {
	for _, l := range langs {
		if len(bot.Utterances[intent][l]) > 0 || len(lib.Fillers[intent][l]) > 0 {
			return true
		}
	}
	return false
}

// usable are the lines the bot can be told in the persona's languages.
func usable(lines []library.Line, bot Bot, p *person) []library.Line {
	var out []library.Line
	for _, ln := range lines {
		if !hasAny(bot.Utterances[ln.Intent], p.say) || !hasAny(ln.Text, p.flavour) {
			continue
		}
		out = append(out, ln)
	}
	return out
}

func hasAny(m map[string][]string, langs []string) bool {
	for _, l := range langs {
		if len(m[l]) > 0 {
			return true
		}
	}
	return false
}

// drawLines picks n lines, each once before any repeats; of the lines that
// leave the flow (position last, or a global intent that changes phase), at
// most one survives.
func drawLines(lines []library.Line, n int, bot Bot, rng *rand.Rand) []library.Line {
	var out []library.Line
	ending := false
	order := rng.Perm(len(lines))
	for i := 0; len(out) < n && i < 4*len(lines)+n; i++ {
		ln := lines[order[i%len(order)]]
		if leaves(ln, bot) {
			if ending {
				continue
			}
			ending = true
			ln.At = "last"
		}
		out = append(out, ln)
	}
	return out
}

// leaves says whether a line takes the session out of the happy path.
func leaves(ln library.Line, bot Bot) bool {
	return ln.At == "last" || bot.Globals[ln.Intent] != ""
}

// arrange places the lines among turns slots: early lines in the first
// half, late ones in the second, a last one at the end, journey steps in the
// gaps.
func arrange(lines []library.Line, turns int, rng *rand.Rand) ([]slot, error) {
	if len(lines) > turns {
		return nil, fmt.Errorf("%d lines do not fit in %d turns", len(lines), turns)
	}
	plan := make([]slot, turns-len(lines))
	var last *library.Line
	var end []slot
	for i := range lines {
		ln := &lines[i]
		switch ln.At {
		case "last":
			last = ln
			continue
		case "end":
			end = append(end, slot{line: ln})
			continue
		}
		lo, hi := 0, len(plan)
		switch ln.At {
		case "early":
			hi = len(plan) / 2
		case "late":
			lo = (len(plan) + 1) / 2
		}
		at := lo + rng.IntN(hi-lo+1)
		plan = slices.Insert(plan, at, slot{line: ln})
	}
	plan = append(plan, end...)
	if last != nil {
		plan = append(plan, slot{line: last})
	}
	return plan, nil
}

// fresh draws a message the conversation has not sent yet (a person
// repeating a line word for word reads like a bot), giving up after a few
// draws when the library has nothing else.
func (cv *conversation) fresh(draw func() (string, error)) (string, error) {
	var text string
	for range 6 {
		var err error
		if text, err = draw(); err != nil {
			return "", err
		}
		if !slices.Contains(cv.messages, text) {
			break
		}
	}
	return text, nil
}

// advance records a happy-path step.
func (cv *conversation) advance(s Step) { cv.enter(s.Phase) }

func (cv *conversation) enter(phase string) {
	if phase != "" && cv.path[len(cv.path)-1] != phase {
		cv.path = append(cv.path, phase)
	}
}

// addLine records what a category line asks of the bot.
func (cv *conversation) addLine(ln library.Line, bot Bot) {
	if ln.Tactic != "" {
		cv.tactics = appendNew(cv.tactics, ln.Tactic)
	}
	cv.must = mergeRules(cv.must, ln.Must)
	cv.mustNot = mergeRules(cv.mustNot, ln.MustNot)
	switch ln.Intent {
	case "stop":
		cv.optOut = true
	case "human":
		cv.handoff = true
	}
	cv.enter(bot.Globals[ln.Intent])
}

func mergeRules(have []scenario.Rule, add []library.Rule) []scenario.Rule {
	for _, r := range add {
		if !slices.ContainsFunc(have, func(h scenario.Rule) bool { return h.Name == r.Name }) {
			have = append(have, scenario.Rule{Name: r.Name, Pattern: r.Pattern, Dimension: r.Dimension})
		}
	}
	return have
}

// line says a category line as the persona: the line's template in one of
// their flavour languages around one of the bot's utterances for its intent.
func (p *person) line(ln library.Line, bot Bot, lib *library.Library, rng *rand.Rand) (string, error) {
	fl := p.pickLang(ln.Text, rng)
	core, err := p.utterance(ln.Intent, bot, lib, rng)
	if err != nil {
		return "", err
	}
	return style(wrap(pick(rng, ln.Text[fl]), core, true), p.style.Transforms, p.first, rng), nil
}

// step says a happy-path step. Data (a filler) is given as the filler says
// it: a bot stores free text as typed, so "Lisboa, a ver qué pasa" would
// become the destination. A one-word answer ("book", "1") is sent alone too,
// as bots often take those only as the whole message. Anything else comes in
// one of the persona's wrappers.
func (p *person) step(intent string, bare bool, bot Bot, lib *library.Library, rng *rand.Rand) (string, error) {
	core, err := p.utterance(intent, bot, lib, rng)
	if err != nil {
		return "", err
	}
	_, data := lib.Fillers[intent]
	if data || bare || len(strings.Fields(core)) < 2 {
		return style(wrap("{u}", core, false), p.style.Transforms, p.first, rng), nil
	}
	tpl := "{u}"
	if fl := p.pickLang(p.cat.Wrappers, rng); fl != "" {
		tpl = pick(rng, p.cat.Wrappers[fl])
	}
	return style(wrap(tpl, core, true), p.style.Transforms, p.first, rng), nil
}

// utterance is what the bot must hear for intent, in one of the persona's
// bot-facing languages: the library's data filler when it has one (so the
// persona gives their own name and numbers), else the manifest's example.
func (p *person) utterance(intent string, bot Bot, lib *library.Library, rng *rand.Rand) (string, error) {
	var langs []string
	for _, l := range p.say {
		if len(lib.Fillers[intent][l]) > 0 || len(bot.Utterances[intent][l]) > 0 {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		return "", fmt.Errorf("bot %s has no utterances for intent %q in %v; add them to its manifest (intents.utterances.%s)", bot.Name, intent, p.say, intent)
	}
	l := pick(rng, langs)
	if f := lib.Fillers[intent][l]; len(f) > 0 {
		return p.fillData(pick(rng, f), l, lib, rng), nil
	}
	return pick(rng, wordy(bot.Utterances[intent][l])), nil
}

// wordy drops utterances without words ("?" for help), which read as noise
// inside a sentence, unless nothing else is left.
func wordy(us []string) []string {
	var out []string
	for _, u := range us {
		letters := 0
		for _, r := range u {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		return us
	}
	return out
}

// pickLang picks one of the persona's flavour languages that texts has.
func (p *person) pickLang(texts map[string][]string, rng *rand.Rand) string {
	var langs []string
	for _, l := range p.flavour {
		if len(texts[l]) > 0 {
			langs = append(langs, l)
		}
	}
	return pick(rng, langs)
}

// fillData fills a data template with the persona's own values, drawing
// each slot once so the persona stays consistent across turns.
func (p *person) fillData(tpl, lang string, lib *library.Library, rng *rand.Rand) string {
	for _, m := range slotRE.FindAllStringSubmatch(tpl, -1) {
		slot := m[1]
		if _, ok := p.vars[slot]; ok {
			continue
		}
		switch slot {
		case "dni":
			p.vars[slot] = fakeDNI(rng)
		case "iban":
			p.vars[slot] = fakeIBAN(rng)
		case "kwh":
			p.vars[slot] = fmt.Sprint(120 + 10*rng.IntN(37))
		case "kw":
			p.vars[slot] = pick(rng, []string{"3.3", "3.45", "4.6", "5.75", "6.9"})
		case "n":
			p.vars[slot] = fmt.Sprint(1 + rng.IntN(3))
		case "day", "day2":
			d := 1 + rng.IntN(20)
			p.vars["day"], p.vars["day2"] = fmt.Sprint(d), fmt.Sprint(d+3+rng.IntN(6))
		default:
			p.vars[slot] = pick(rng, lib.Values[slot])
		}
	}
	vars := p.vars
	if lang == "es" && strings.Contains(vars["kw"], ".") {
		// Spanish customers write decimals with a comma: 3,45 kW.
		vars = maps.Clone(p.vars)
		vars["kw"] = strings.Replace(vars["kw"], ".", ",", 1)
	}
	return fill(tpl, vars)
}
