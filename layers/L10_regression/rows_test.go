package l10regression_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/bots"
)

// A regression is one named production bug, as a data file under
// testdata/regressions/<id>.yaml: when and by which sim scenario it was
// found, the bots it applies to, the conversation that found it and the
// checks that were red then and must stay green. The fix cycle promotes a
// scenario by adding a file; testdata/regressions/README.md is the format.
type regression struct {
	ID           string   `yaml:"id"`
	Title        string   `yaml:"title"`
	Found        string   `yaml:"found"`         // YYYY-MM-DD
	Scenario     string   `yaml:"scenario"`      // the persona that found it: "Spy Laura"
	ScenarioFile string   `yaml:"scenario_file"` // <bot>/<id> under sim/scenarios, when it is shipped
	FoundOn      string   `yaml:"found_on"`      // the bot it was found on
	Bots         []string `yaml:"bots"`          // the bots it applies to; empty = every bot
	Defect       string   `yaml:"defect"`        // the reference bot's seeded defect that reproduces it
	Fix          string   `yaml:"fix"`
	Language     string   `yaml:"language"` // the customer's language; "" = the manifest's default
	Conversation []step   `yaml:"conversation"`
	Checks       []check  `yaml:"checks"`

	file string
}

// step is one thing the customer (or WhatsApp) does. Exactly one of Say,
// Intent, WalkToPhase and Redeliver is set.
type step struct {
	Name string `yaml:"name"` // for checks and failure messages

	Say      string `yaml:"say"`      // this text, as written
	Intent   string `yaml:"intent"`   // an utterance of this manifest intent
	Matching string `yaml:"matching"` // with Intent: the first utterance matching this pattern
	Lang     string `yaml:"lang"`     // with Intent: the utterance's language; "" = the row's

	// WalkToPhase walks the manifest's shortest path to the nearest state
	// of the first of these phases the bot has.
	WalkToPhase []string `yaml:"walk_to_phase"`

	// Redeliver posts the previous message again, same WhatsApp message id,
	// as Meta does when it thinks a webhook was lost.
	Redeliver bool `yaml:"redeliver"`
}

// check is one assertion over the replayed conversation.
type check struct {
	Rule       string `yaml:"rule"`
	Step       string `yaml:"step"`       // the step it looks at, by name
	Disclosure string `yaml:"disclosure"` // pattern over safety.forbidden_until_phase[].what
	Patterns   string `yaml:"patterns"`   // a manifest pattern list, e.g. persona.ai_disclosure
	Pattern    string `yaml:"pattern"`    // or a pattern of the row's own
	OptedOut   *bool  `yaml:"opted_out"`  // rule session
}

// rules are the checks the runner knows, with what each says.
var rules = map[string]string{
	"no_disclosure_before_phase":   "no reply names what safety.forbidden_until_phase gates (disclosure) before the phase it is allowed from",
	"disclosed_once_allowed":       "the step's reply, said once the gated disclosure is allowed, tells it (the gate must not become a deletion)",
	"reply_matches":                "the step's reply matches one of the patterns",
	"no_reply_matches":             "no reply of the conversation matches any of the patterns",
	"consent_text_matches":         "every consent the bot recorded (observe.consent_sql) shows a text matching one of the patterns",
	"consent_before_personal_data": "no turn lands in a graph.personal_data_phases phase before a granted consent is recorded, and the phase path has the consent phase first",
	"reply_language":               "every reply whose language can be told is in the customer's language",
	"replied":                      "the step got a reply",
	"no_reply":                     "the step got no reply",
	"keeps_state":                  "the step left the session in the state it found it in",
	"session":                      "the session ends as the check says (opted_out)",
}

// manifestPatterns are the manifest pattern lists a check may name.
var manifestPatterns = map[string]func(c *bots.Compiled) []*regexp.Regexp{
	"persona.ai_disclosure":     func(c *bots.Compiled) []*regexp.Regexp { return c.AIDisclosure },
	"persona.human_claims":      func(c *bots.Compiled) []*regexp.Regexp { return c.HumanClaims },
	"safety.retention_patterns": func(c *bots.Compiled) []*regexp.Regexp { return c.Retention },
	"safety.transfer_patterns":  func(c *bots.Compiled) []*regexp.Regexp { return c.Transfer },
	"safety.false_promises":     func(c *bots.Compiled) []*regexp.Regexp { return c.FalsePromises },
}

const rowsDir = "testdata/regressions"

var (
	rowsOnce sync.Once
	rowsAll  []*regression
	rowsErr  error
)

// loadRegressions reads every row once per test binary, in file order.
func loadRegressions(t testing.TB) []*regression {
	t.Helper()
	rowsOnce.Do(func() { rowsAll, rowsErr = readRegressions(rowsDir) })
	if rowsErr != nil {
		t.Fatalf("%v", rowsErr)
	}
	return rowsAll
}

func readRegressions(dir string) ([]*regression, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no regression files (*.yaml); the seed's three must be there", dir)
	}
	sort.Strings(files)
	var out []*regression
	var errs []error
	for _, f := range files {
		r, err := readRegression(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

// readRegression decodes one file strictly: a misspelt field is an error
// with its line, not a check silently left out.
func readRegression(file string) (*regression, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	r := &regression{file: file}
	if err := dec.Decode(r); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w (the format: %s/README.md)", file, err, rowsDir)
	}
	return r, nil
}

// regressionByID finds a row, failing the test when there is none.
func regressionByID(t testing.TB, id string) *regression {
	t.Helper()
	for _, r := range loadRegressions(t) {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no regression %q under %s: a named test needs its data file (%s/%s.yaml)", id, rowsDir, rowsDir, id)
	return nil
}

// problems lists what is wrong with a row, each naming the file and field.
func (r *regression) problems(known []string) []string {
	var ps []string
	add := func(field, format string, args ...any) {
		ps = append(ps, fmt.Sprintf("%s: %s: %s", r.file, field, fmt.Sprintf(format, args...)))
	}
	if want := strings.TrimSuffix(filepath.Base(r.file), ".yaml"); r.ID != want {
		add("id", "%q must equal the file name %q", r.ID, want)
	}
	if !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(r.ID) {
		add("id", "%q must be kebab-case", r.ID)
	}
	if strings.TrimSpace(r.Title) == "" {
		add("title", "missing; say the bug in one line")
	}
	if d, err := time.Parse(time.DateOnly, r.Found); err != nil {
		add("found", "%q is not a date (YYYY-MM-DD)", r.Found)
	} else if d.After(time.Now()) {
		add("found", "%s is in the future", r.Found)
	}
	if strings.TrimSpace(r.Scenario) == "" {
		add("scenario", "missing; name the persona whose run found the bug (e.g. \"Spy Laura\")")
	}
	if !slices.Contains(known, r.FoundOn) {
		add("found_on", "%q is not a bot of bots/ (%s)", r.FoundOn, strings.Join(known, ", "))
	}
	for _, b := range r.Bots {
		if !slices.Contains(known, b) {
			add("bots", "%q is not a bot of bots/ (%s)", b, strings.Join(known, ", "))
		}
	}
	if strings.TrimSpace(r.Fix) == "" {
		add("fix", "missing; say what the fix was, so a red test points at what undid it")
	}
	if len(r.Conversation) == 0 {
		add("conversation", "empty; replay what the customer said")
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
			add(field, "set exactly one of say, intent, walk_to_phase, redeliver")
		}
		if s.Matching != "" {
			if s.Intent == "" {
				add(field+".matching", "only goes with intent")
			} else if _, err := regexp.Compile(s.Matching); err != nil {
				add(field+".matching", "%v", err)
			}
		}
		if s.Redeliver && (i == 0 || (r.Conversation[i-1].Say == "" && r.Conversation[i-1].Intent == "")) {
			add(field+".redeliver", "must follow a say or intent step (the message to deliver again)")
		}
		if s.Name != "" {
			if names[s.Name] {
				add(field+".name", "%q names two steps", s.Name)
			}
			names[s.Name] = true
		}
	}
	if len(r.Checks) == 0 {
		add("checks", "empty; a regression must be able to fail")
	}
	for i, c := range r.Checks {
		field := fmt.Sprintf("checks[%d]", i)
		if _, ok := rules[c.Rule]; !ok {
			add(field+".rule", "%q unknown; one of %s", c.Rule, strings.Join(sortedRules(), ", "))
			continue
		}
		if c.Step != "" && !names[c.Step] {
			add(field+".step", "no conversation step is named %q", c.Step)
		}
		needStep := map[string]bool{"reply_matches": true, "disclosed_once_allowed": true, "replied": true, "no_reply": true, "keeps_state": true}
		if needStep[c.Rule] && c.Step == "" {
			add(field+".step", "rule %s looks at one step; name it", c.Rule)
		}
		needPatterns := c.Rule == "reply_matches" || c.Rule == "no_reply_matches" || c.Rule == "consent_text_matches"
		if needPatterns && (c.Patterns == "") == (c.Pattern == "") {
			add(field, "rule %s needs patterns (a manifest list) or pattern (a regexp), one of them", c.Rule)
		}
		if c.Patterns != "" && manifestPatterns[c.Patterns] == nil {
			add(field+".patterns", "%q unknown; one of %s", c.Patterns, strings.Join(sortedKeys(manifestPatterns), ", "))
		}
		for _, p := range []string{c.Pattern, c.Disclosure} {
			if _, err := regexp.Compile(p); err != nil {
				add(field, "%v", err)
			}
		}
		if (c.Rule == "no_disclosure_before_phase" || c.Rule == "disclosed_once_allowed") && c.Disclosure == "" {
			add(field+".disclosure", "name the gated disclosure (a pattern over safety.forbidden_until_phase[].what)")
		}
		if c.Rule == "session" && c.OptedOut == nil {
			add(field, "rule session needs opted_out")
		}
	}
	return ps
}

func sortedRules() []string { return sortedKeys(rules) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
