package regression

import (
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/strictyaml"
)

var kebabCase = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// problem builds a Problem for a field of r, at the field's line.
func (r *Row) problem(field, msg, fix string) strictyaml.Problem {
	return strictyaml.Problem{File: r.File, Line: strictyaml.LineOf(r.lines, field), Field: field, Msg: msg, Fix: fix}
}

// Validate lists what is wrong with the rows, each problem naming the file,
// the line, the field and the fix: every row on its own (Problems), and ids
// used twice. known are the bots a row may name (this repository's bots/).
func Validate(rows []*Row, known []string) strictyaml.Problems {
	var out strictyaml.Problems
	ids := map[string]string{}
	for _, r := range rows {
		out = append(out, r.Problems(known)...)
		if prev, dup := ids[r.ID]; dup {
			out = append(out, r.problem("id", fmt.Sprintf("%q is also the id of %s", r.ID, prev), "give each named bug an id of its own"))
		}
		ids[r.ID] = r.File
	}
	return out
}

// Problems lists what is wrong with one row.
func (r *Row) Problems(known []string) strictyaml.Problems {
	var ps strictyaml.Problems
	add := func(field, msg, fix string) { ps = append(ps, r.problem(field, msg, fix)) }
	if want := strings.TrimSuffix(filepath.Base(r.File), ".yaml"); r.ID != want {
		add("id", fmt.Sprintf("%q is not the file name %q", r.ID, want), "name the file <id>.yaml")
	}
	if !kebabCase.MatchString(r.ID) {
		add("id", fmt.Sprintf("%q is not kebab-case", r.ID), "write it like provider-names-before-comparison")
	}
	if strings.TrimSpace(r.Title) == "" {
		add("title", "missing", "say the bug in one line")
	}
	if d, err := time.Parse(time.DateOnly, r.Found); err != nil {
		add("found", fmt.Sprintf("%q is not a date", r.Found), "write the day the sim run found it, YYYY-MM-DD")
	} else if d.After(time.Now()) {
		add("found", fmt.Sprintf("%s is in the future", r.Found), "write the day the sim run found it")
	}
	if strings.TrimSpace(r.Scenario) == "" {
		add("scenario", "missing", `name the persona whose run found the bug (e.g. "Spy Laura")`)
	}
	if !slices.Contains(known, r.FoundOn) {
		add("found_on", fmt.Sprintf("%q is not a bot of bots/", r.FoundOn), "name one of "+strings.Join(known, ", "))
	}
	for i, b := range r.Bots {
		if !slices.Contains(known, b) {
			add(fmt.Sprintf("bots[%d]", i), fmt.Sprintf("%q is not a bot of bots/", b), "name one of "+strings.Join(known, ", ")+", or leave bots empty for every bot")
		}
	}
	if r.Defect != "" && !kebabCase.MatchString(r.Defect) {
		add("defect", fmt.Sprintf("%q is not a seeded defect's name", r.Defect), "write the name CAAS_REFBOT_DEFECTS takes, e.g. provider-leak")
	}
	if strings.TrimSpace(r.Fix) == "" {
		add("fix", "missing", "say what the fix was, so a red test points at what undid it")
	}
	if r.ScenarioFile != "" {
		ps = append(ps, r.scenarioProblems()...)
	}
	ps = append(ps, r.conversationProblems()...)
	ps = append(ps, r.checkProblems()...)
	return ps
}

// scenarioProblems holds the row to the shipped scenario it names: it
// exists, is for the bot the bug was found on, and its persona is the one
// named.
func (r *Row) scenarioProblems() strictyaml.Problems {
	bot, id, ok := strings.Cut(r.ScenarioFile, "/")
	if !ok {
		return strictyaml.Problems{r.problem("scenario_file", fmt.Sprintf("%q is not <bot>/<scenario id>", r.ScenarioFile), "write it like cambialeon/spy-laura")}
	}
	dir, err := scenario.Dir("", bot) // a shipped scenario: this repository's sim/scenarios, whatever CAAS_SCENARIOS_DIR says
	if err != nil {
		return strictyaml.Problems{r.problem("scenario_file", err.Error(), "write it like cambialeon/spy-laura")}
	}
	sc, err := scenario.Load(filepath.Join(dir, id+".yaml"))
	if err != nil {
		return strictyaml.Problems{r.problem("scenario_file", fmt.Sprintf("%s does not load: %v", r.ScenarioFile, err), "name a scenario shipped under sim/scenarios, or leave scenario_file out")}
	}
	var ps strictyaml.Problems
	if sc.Bot != r.FoundOn {
		ps = append(ps, r.problem("found_on", fmt.Sprintf("%q, but the scenario %s is for %s", r.FoundOn, r.ScenarioFile, sc.Bot), "name the bot of the scenario that found the bug"))
	}
	if sc.Persona.Name != r.Scenario {
		ps = append(ps, r.problem("scenario", fmt.Sprintf("%q, but the persona of %s is %q", r.Scenario, r.ScenarioFile, sc.Persona.Name), "name the persona of the scenario that found the bug"))
	}
	return ps
}

func (r *Row) conversationProblems() strictyaml.Problems {
	var ps strictyaml.Problems
	add := func(field, msg, fix string) { ps = append(ps, r.problem(field, msg, fix)) }
	if len(r.Conversation) == 0 {
		add("conversation", "empty", "replay what the customer said")
	}
	names := map[string]bool{}
	for i, s := range r.Conversation {
		field := fmt.Sprintf("conversation[%d]", i)
		n := 0
		for _, set := range []bool{s.Say != "", s.Intent != "", len(s.WalkToPhase) > 0, s.Redeliver} {
			if set {
				n++
			}
		}
		if n != 1 {
			add(field, fmt.Sprintf("%d of say, intent, walk_to_phase, redeliver are set", n), "set exactly one of them")
		}
		if s.Matching != "" {
			if s.Intent == "" {
				add(field+".matching", "only goes with intent", "add the intent whose utterances it picks from, or drop it")
			} else if _, err := regexp.Compile(s.Matching); err != nil {
				add(field+".matching", err.Error(), "fix the regular expression (Go RE2 syntax)")
			}
		}
		if s.Lang != "" && s.Intent == "" {
			add(field+".lang", "only goes with intent", "a say step is sent as written; drop lang")
		}
		if s.Redeliver && (i == 0 || (r.Conversation[i-1].Say == "" && r.Conversation[i-1].Intent == "")) {
			add(field+".redeliver", "does not follow a say or intent step", "put it right after the message to deliver again")
		}
		if s.Name != "" {
			if names[s.Name] {
				add(field+".name", fmt.Sprintf("%q names two steps", s.Name), "give each step a name of its own")
			}
			names[s.Name] = true
		}
	}
	return ps
}

func (r *Row) checkProblems() strictyaml.Problems {
	var ps strictyaml.Problems
	add := func(field, msg, fix string) { ps = append(ps, r.problem(field, msg, fix)) }
	if len(r.Checks) == 0 {
		add("checks", "empty", "a regression must be able to fail: say what the bot must and must not do")
	}
	for i, c := range r.Checks {
		field := fmt.Sprintf("checks[%d]", i)
		if _, ok := Rules[c.Rule]; !ok {
			add(field+".rule", fmt.Sprintf("%q unknown", c.Rule), "use one of "+strings.Join(slices.Sorted(maps.Keys(Rules)), ", "))
			continue
		}
		if c.Step != "" && !slices.ContainsFunc(r.Conversation, func(s Step) bool { return s.Name == c.Step }) {
			add(field+".step", fmt.Sprintf("no conversation step is named %q", c.Step), "name the step it looks at with name:")
		}
		if stepRules[c.Rule] && c.Step == "" {
			add(field+".step", "missing", fmt.Sprintf("rule %s looks at one step; name it", c.Rule))
		}
		if patternRules[c.Rule] && (c.Patterns == "") == (c.Pattern == "") {
			add(field, fmt.Sprintf("rule %s needs patterns (a manifest list) or pattern (a regexp)", c.Rule), "give one of them, not both")
		}
		if c.Patterns != "" && ManifestPatterns[c.Patterns] == nil {
			add(field+".patterns", fmt.Sprintf("%q unknown", c.Patterns), "use one of "+strings.Join(slices.Sorted(maps.Keys(ManifestPatterns)), ", "))
		}
		for _, p := range []struct{ name, re string }{{"pattern", c.Pattern}, {"disclosure", c.Disclosure}} {
			if _, err := regexp.Compile(p.re); err != nil {
				add(field+"."+p.name, err.Error(), "fix the regular expression (Go RE2 syntax)")
			}
		}
		if disclosureRules[c.Rule] && c.Disclosure == "" {
			add(field+".disclosure", "missing", "name the gated disclosure: a pattern over safety.forbidden_until_phase[].what")
		}
		if c.Rule == "session" && c.OptedOut == nil {
			add(field+".opted_out", "missing", "rule session says how the session ends: opted_out: true or false")
		}
	}
	return ps
}
