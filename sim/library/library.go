package library

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/strictyaml"
)

//go:embed *.yaml categories/*.yaml
var files embed.FS

// Library is everything the offline writer draws from.
type Library struct {
	People People
	// Focus maps a word a brief may use ("elderly", "security") to the
	// categories it means.
	Focus map[string][]string
	// Fillers say how a customer gives the data a bot asks for: data intent →
	// language → templates with slots ({kwh}, {first}, {dni}, ...).
	Fillers map[string]map[string][]string
	// Values are the pools the data slots draw from (providers, destinations, streets, ...).
	Values map[string][]string
	// Categories by name, one file each under categories/.
	Categories map[string]*Category
}

// People are names and places per culture ("es", "en", "ja", ...).
type People struct {
	Names    map[string]map[string][]string `yaml:"names"`    // culture → gender (f, m) → first names
	Surnames map[string][]string            `yaml:"surnames"` // culture → surnames
	Cities   map[string][]string            `yaml:"cities"`   // culture → where they live
	// Languages are language names by code, for backstories and titles.
	Languages map[string]string `yaml:"languages"`
}

// Category is one persona category of the scenario schema (see
// docs/scenarios.md): how such people are and write.
type Category struct {
	Name string `yaml:"name"`
	// Ages is the inclusive range [min, max] of this category's personas.
	Ages [2]int `yaml:"ages"`
	// Cultures are the name cultures to draw from when the persona writes in
	// its main language; multilingual personas draw from Mix languages' cultures.
	Cultures map[string][]string `yaml:"cultures"` // main language → cultures
	// Mix are the languages a multilingual persona mixes into the bot's.
	Mix []string `yaml:"mix"`
	// Epithets go before the first name ("Grandma Carmen"), per gender.
	Epithets map[string][]string `yaml:"epithets"`
	// Backstories are templates: {first}, {age}, {city}, {bot} and the
	// category's own Slots.
	Backstories []string            `yaml:"backstories"`
	Slots       map[string][]string `yaml:"slots"`
	Styles      []Style             `yaml:"styles"`
	Tactics     []string            `yaml:"tactics"`
	// Beats is how many category lines a conversation gets, [min, max].
	Beats [2]int `yaml:"beats"`
	// Turns bounds the conversation's length, [min, max] within 6–8; zero
	// means any. A spy needs the long ones to get past the comparison.
	Turns    [2]int `yaml:"turns"`
	Openings []Line `yaml:"openings"`
	Lines    []Line `yaml:"lines"`
	// Wrappers are how this persona phrases an ordinary step of the
	// conversation, per language; {u} is what the bot needs to hear.
	Wrappers map[string][]string `yaml:"wrappers"`
	Must     []Rule              `yaml:"must"`
	MustNot  []Rule              `yaml:"must_not"`
	Title    string              `yaml:"title"`   // template: {name}, {bot}
	Outcome  string              `yaml:"outcome"` // template: {final}
}

// Style is one way of writing: a description for the scenario file and the
// transforms that make the messages read that way.
type Style struct {
	Describe   string   `yaml:"describe"`
	Transforms []string `yaml:"transforms"`
}

// Transforms the writer knows; a style naming another is a library error.
var Transforms = []string{"caps", "lower", "noaccents", "typos", "emoji", "sign", "ellipsis"}

// Line is a message template tied to the bot intent it should trigger: the
// template holds {u}, which the writer fills with one of the bot manifest's
// own utterances for Intent, so the bot recognises it whatever the flavour
// around it.
type Line struct {
	Intent string `yaml:"intent"`
	// At is where the line goes: early (first half), any, late (second
	// half), end (after the last happy-path step), last (the conversation
	// ends on it; lines that take the session out of the flow always do).
	At   string              `yaml:"at"`
	Text map[string][]string `yaml:"text"`
	Must []Rule              `yaml:"must"`
	// MustNot are extra rules this line calls for (e.g. no canary after an injection).
	MustNot []Rule `yaml:"must_not"`
	Tactic  string `yaml:"tactic"` // the persona tactic this line carries out
}

// Rule is a scenario rule template.
type Rule struct {
	Name      string `yaml:"name"`
	Pattern   string `yaml:"pattern"`
	Dimension string `yaml:"dimension,omitempty"`
}

// Positions a Line may take.
var Positions = []string{"early", "any", "late", "end", "last"}

// Load reads the embedded library and checks it.
func Load() (*Library, error) { return load(files, "sim/library/") }

// LoadFS reads a library from fsys (the same layout as this directory), so
// a test or a user can supply their own.
func LoadFS(fsys fs.FS) (*Library, error) { return load(fsys, "") }

// load reads the library in fsys; dir is where its files are, as messages
// show them ("sim/library/" for the embedded one).
func load(fsys fs.FS, dir string) (*Library, error) {
	decodeFile := func(name string, v any) error {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("library %s: %w; the library needs it", name, err)
		}
		return strictyaml.Decode(dir+name, data, v)
	}
	// Every file is decoded before any error is returned, so one run names
	// every broken file.
	var errs []error
	lib := &Library{Categories: map[string]*Category{}}
	errs = append(errs, decodeFile("people.yaml", &lib.People))
	var focus struct {
		Words map[string][]string `yaml:"words"`
	}
	errs = append(errs, decodeFile("focus.yaml", &focus))
	lib.Focus = focus.Words
	var data struct {
		Fillers map[string]map[string][]string `yaml:"fillers"`
		Values  map[string][]string            `yaml:"values"`
	}
	errs = append(errs, decodeFile("data.yaml", &data))
	lib.Fillers, lib.Values = data.Fillers, data.Values
	names, err := fs.Glob(fsys, "categories/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list library categories: %w", err)
	}
	for _, n := range names {
		c := &Category{}
		if err := decodeFile(n, c); err != nil {
			errs = append(errs, err)
			continue
		}
		if want := strings.TrimSuffix(path.Base(n), ".yaml"); c.Name != want {
			errs = append(errs, fmt.Errorf("library %s: name: %q differs from the file name; rename one so they match", n, c.Name))
			continue
		}
		lib.Categories[c.Name] = c
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := lib.Check(); err != nil {
		return nil, err
	}
	return lib, nil
}

// CategoryNames are the library's categories, sorted.
func (l *Library) CategoryNames() []string {
	out := make([]string, 0, len(l.Categories))
	for n := range l.Categories {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Check reports every inconsistency in the library (a category without
// backstories, a line without {u}, an unknown transform, ...), so a bad edit
// fails at load, not as an odd scenario.
func (l *Library) Check() error {
	var errs []string
	bad := func(where, format string, args ...any) {
		errs = append(errs, "library "+where+": "+fmt.Sprintf(format, args...))
	}
	for _, name := range l.CategoryNames() {
		c := l.Categories[name]
		at := "categories/" + name + ".yaml"
		if c.Ages[0] < 12 || c.Ages[1] > 110 || c.Ages[0] > c.Ages[1] {
			bad(at, "ages: %v is not a range within 12–110; write [min, max]", c.Ages)
		}
		if c.Turns != [2]int{} && (c.Turns[0] < 6 || c.Turns[1] > 8 || c.Turns[0] > c.Turns[1]) {
			bad(at, "turns: %v is not a range within 6–8; write [min, max] or leave it out", c.Turns)
		}
		if c.Beats[0] < 0 || c.Beats[0] > c.Beats[1] || c.Beats[1] > 6 {
			bad(at, "beats: %v is not a range within 0–6; write [min, max]", c.Beats)
		}
		for field, n := range map[string]int{"backstories": len(c.Backstories), "styles": len(c.Styles), "tactics": len(c.Tactics), "openings": len(c.Openings), "epithets": len(c.Epithets), "cultures": len(c.Cultures)} {
			if n == 0 {
				bad(at, "%s: empty; the writer needs at least one", field)
			}
		}
		if len(c.Tactics) < 2 {
			bad(at, "tactics: want at least two, so personas differ")
		}
		for _, s := range c.Styles {
			for _, t := range s.Transforms {
				if !slices.Contains(Transforms, strings.SplitN(t, ":", 2)[0]) {
					bad(at, "styles: transform %q is unknown; use one of %s", t, strings.Join(Transforms, ", "))
				}
			}
		}
		for i, ln := range append(append([]Line{}, c.Openings...), c.Lines...) {
			if ln.Intent == "" {
				bad(at, "line %d: intent: missing; name the bot intent the line should trigger", i)
			}
			if ln.At != "" && !slices.Contains(Positions, ln.At) {
				bad(at, "line %d: at: %q; use one of %s", i, ln.At, strings.Join(Positions, ", "))
			}
			for lang, texts := range ln.Text {
				for _, t := range texts {
					if !strings.Contains(t, "{u}") {
						bad(at, "line %d (%s): %q has no {u}; the bot's own utterance must be in it", i, lang, t)
					}
				}
			}
		}
		for lang, ws := range c.Wrappers {
			for _, w := range ws {
				if strings.Count(w, "{u}") != 1 {
					bad(at, "wrappers.%s: %q must hold {u} once", lang, w)
				}
			}
		}
		for lang, cultures := range c.Cultures {
			for _, cu := range cultures {
				if len(l.People.Names[cu]["f"]) == 0 || len(l.People.Names[cu]["m"]) == 0 || len(l.People.Surnames[cu]) == 0 {
					bad(at, "cultures.%s: %q has no names (f and m) or surnames in people.yaml", lang, cu)
				}
			}
		}
		for _, g := range []string{"f", "m"} {
			if len(c.Epithets[g]) == 0 {
				bad(at, "epithets.%s: empty; give at least one (an empty string means no epithet)", g)
			}
		}
	}
	for word, cats := range l.Focus {
		for _, c := range cats {
			if l.Categories[c] == nil {
				bad("focus.yaml", "%s: %q is not a library category", word, c)
			}
		}
	}
	sort.Strings(errs)
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}
