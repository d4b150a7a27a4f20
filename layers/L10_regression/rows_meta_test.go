package l10regression_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestEveryRegressionRowIsComplete(t *testing.T) {
	t.Parallel()
	known := repoBots(t)
	rows := loadRegressions(t)
	ids := map[string]string{}
	for _, r := range rows {
		t.Run(r.ID, func(t *testing.T) {
			for _, p := range r.problems(known) {
				t.Error(p)
			}
			if prev, dup := ids[r.ID]; dup {
				t.Errorf("%s: id %q is also the id of %s", r.file, r.ID, prev)
			}
			ids[r.ID] = r.file
			if r.ScenarioFile != "" {
				checkScenario(t, r)
			}
		})
	}
}

// checkScenario holds the row to the shipped scenario it names: it exists,
// is for the bot the bug was found on, and its persona is the one named.
func checkScenario(t *testing.T, r *regression) {
	t.Helper()
	bot, id, ok := strings.Cut(r.ScenarioFile, "/")
	if !ok {
		t.Errorf("%s: scenario_file %q must be <bot>/<scenario id>", r.file, r.ScenarioFile)
		return
	}
	dir, err := scenario.Dir(testutil.ScenarioRoot(), bot)
	require.NoError(t, err)
	sc, err := scenario.Load(filepath.Join(dir, id+".yaml"))
	if err != nil {
		t.Errorf("%s: scenario_file %q: %v", r.file, r.ScenarioFile, err)
		return
	}
	assert.Equal(t, r.FoundOn, sc.Bot, "%s: found_on must be the bot of its scenario %s", r.file, r.ScenarioFile)
	assert.Equal(t, r.Scenario, sc.Persona.Name, "%s: scenario must name the persona of %s", r.file, r.ScenarioFile)
}

// claimedRegressions are the row ids the package's named tests pass to
// runRegression, read from the source so a row cannot go untested unseen.
func claimedRegressions(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	require.NoError(t, err)
	claimed := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err)
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 2 {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "runRegression" {
					return true
				}
				if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					claimed[v] = fn.Name.Name
				}
				return true
			})
		}
	}
	return claimed
}

func TestEveryRegressionHasANamedTest(t *testing.T) {
	t.Parallel()
	claimed := claimedRegressions(t)
	var ids []string
	for _, r := range loadRegressions(t) {
		ids = append(ids, r.ID)
		if _, ok := claimed[r.ID]; !ok {
			t.Errorf("%s (found %s by %s) has no test of its own: add\n\n// %s, %s on %s: %s\nfunc Test...(t *testing.T) {\n\trunRegression(t, %q)\n}\n\nto regressions_test.go, named as a sentence (TestPromotedRegressions runs it meanwhile)",
				r.file, r.Found, r.Scenario, r.Found, r.Scenario, r.FoundOn, r.Title, r.ID)
		}
	}
	for id, fn := range claimed {
		if !slices.Contains(ids, id) {
			t.Errorf("%s runs regression %q, which has no file %s/%s.yaml", fn, id, rowsDir, id)
		}
	}
}

// Rows the fix cycle promoted since the last named test was written run
// here, so a new row is never skipped while it waits for its own test.
func TestPromotedRegressions(t *testing.T) {
	claimed := claimedRegressions(t)
	promoted := 0
	for _, r := range loadRegressions(t) {
		if _, ok := claimed[r.ID]; ok {
			continue
		}
		promoted++
		t.Run(r.ID, func(t *testing.T) { runRegression(t, r.ID) })
	}
	if promoted == 0 {
		t.Log("every regression has a named test of its own")
	}
}

// repoBots lists the bots of this repository's bots/ folder: the rows name
// the products the bugs were found on, whatever CAAS_BOTS_DIR points at.
func repoBots(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "bots", "*.yaml"))
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, "example") {
			continue
		}
		out = append(out, name)
	}
	require.NotEmpty(t, out, "no manifests in the repository's bots/ folder")
	return out
}
