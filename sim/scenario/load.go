package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/modroot"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// EnvDir names the environment variable that moves where scenarios live:
// $CAAS_SCENARIOS_DIR/<bot>/*.yaml. The package reads no environment
// itself; the caas command and testutil read it and pass it as Dir's root.
const EnvDir = "CAAS_SCENARIOS_DIR"

// Dir is the directory holding bot's scenarios: <root>/<bot>, root ""
// meaning sim/scenarios under the module root, found by walking up from the
// working directory to go.mod (tests run in their package directories, not
// at the root).
func Dir(root, bot string) (string, error) {
	if !kebab.MatchString(bot) {
		return "", fmt.Errorf("bot name %q: want a manifest name like cambialeon (lowercase, kebab-case)", bot)
	}
	if root != "" {
		return filepath.Join(root, bot), nil
	}
	mod, err := modroot.Find()
	if err != nil {
		return "", fmt.Errorf("%w, or set %s", err, EnvDir)
	}
	return filepath.Join(mod, "sim", "scenarios", bot), nil
}

// LoadBot loads every scenario of bot from Dir(root, bot).
func LoadBot(root, bot string) ([]*Scenario, error) {
	dir, err := Dir(root, bot)
	if err != nil {
		return nil, err
	}
	return LoadDir(dir)
}

// LoadDir loads every *.yaml file in dir (not those starting with "_" or
// "."), in file name order. It returns the scenarios that loaded and, if
// any file did not, an error listing every file's problems. It does not
// Validate: call Validate on each scenario (or CheckBatch) for that.
func LoadDir(dir string) ([]*Scenario, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read scenario directory: %w; create it, set %s, or write scenarios with `caas sim write`", err, EnvDir)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") {
			continue
		}
		if strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml") {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no scenario files (*.yaml); write some or generate them with `caas sim write`", dir)
	}
	sort.Strings(names)
	var (
		out  []*Scenario
		errs []error
	)
	for _, n := range names {
		s, err := Load(filepath.Join(dir, n))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}

// Load reads one scenario file strictly: a YAML syntax error, an unknown
// field or a value of the wrong type is an error naming the line. It does
// not Validate.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w; check the path", err)
	}
	s, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Parse decodes one scenario from data; name is the file it came from (for
// messages and Path).
func Parse(name string, data []byte) (*Scenario, error) {
	s := &Scenario{Path: name}
	layout, err := strictyaml.DecodeWith(name, data, s, strictyaml.Options{Fixes: strictyaml.Fixes{
		Empty: "write one scenario mapping (see sim/scenarios/cambialeon/grandma-carmen.yaml)",
		Extra: "keep one scenario per file; move the others to their own files",
	}})
	turnProbs, turnLines := readTurns(name, data)
	if err != nil {
		var ps Problems
		if !errors.As(err, &ps) || len(turnProbs) == 0 {
			return nil, err
		}
		ps = append(append(Problems{}, ps...), turnProbs...)
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
		return nil, ps
	}
	if len(turnProbs) > 0 {
		return nil, turnProbs
	}
	s.lines = layout.Lines
	for f, l := range turnLines {
		s.lines[f] = l
	}
	return s, nil
}

// readTurns reads the turns list of a scenario file again, node by node
// (Turn decodes itself and keeps no lines): what is wrong with each turn,
// and the line of every field inside one ("turns[3].burst[1]"). A file
// whose YAML does not parse gives nothing: DecodeWith reports that.
func readTurns(name string, data []byte) (Problems, map[string]int) {
	var doc struct {
		Turns []yaml.Node `yaml:"turns"`
	}
	lines := map[string]int{}
	if yaml.Unmarshal(data, &doc) != nil {
		return nil, lines
	}
	var ps Problems
	for i := range doc.Turns {
		at := fmt.Sprintf("turns[%d]", i)
		_, probs, fields := decodeTurn(&doc.Turns[i])
		for f, l := range fields {
			lines[at+"."+f] = l
		}
		for _, p := range probs {
			field := at
			if p.field != "" {
				field += "." + p.field
			}
			ps = append(ps, Problem{File: name, Line: p.line, Field: field, Msg: p.msg, Fix: p.fix})
		}
	}
	return ps, lines
}
