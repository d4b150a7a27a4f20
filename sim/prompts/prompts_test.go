package prompts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
	"github.com/caas-testing/caas-testing/sim/prompts"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

func load(t *testing.T, name string) prompts.Prompt {
	t.Helper()
	p, err := prompts.Load(name)
	require.NoError(t, err)
	return p
}

func TestEveryAgentHasAPromptWithItsFrontMatter(t *testing.T) {
	for _, name := range prompts.Names {
		p := load(t, name)
		assert.NotEmpty(t, p.Name, name)
		assert.NotEmpty(t, p.Description, name)
		assert.NotContains(t, p.Body, "description:", "%s: the front matter is stripped from the body", name)
		assert.Greater(t, len(p.Body), 1000, "%s: a real prompt", name)
	}
	assert.Equal(t, []string{"Read", "Grep", "Glob"}, load(t, prompts.Fixer).Tools)
}

func TestThePromptsNameTheContractsTheyPromise(t *testing.T) {
	t.Run("the writer names every scenario field and category", func(t *testing.T) {
		body := load(t, prompts.Writer).Body
		for _, field := range []string{"id:", "bot:", "category:", "title:", "persona:", "name:", "age:", "backstory:",
			"style:", "tactics:", "languages:", "language:", "opening:", "turns:", "max_turns:", "expect:", "outcome:",
			"final_phase:", "phase_path:", "opt_out:", "handoff:", "must:", "must_not:", "pattern:", "dimension:"} {
			assert.Contains(t, body, field)
		}
		for _, c := range scenario.Categories {
			assert.Contains(t, body, "| "+c+" |")
		}
		assert.Contains(t, body, fmt.Sprintf("%d-%d", scenario.MinTurns, scenario.MaxTurns))
	})
	t.Run("the judge names every dimension with its weight and every finding field", func(t *testing.T) {
		body := load(t, prompts.Judge).Body
		for _, d := range judge.AllDimensions {
			assert.Contains(t, body, fmt.Sprintf("| %s | %d |", d, judge.Weights.Get(d)))
		}
		for _, field := range []string{`"dimension"`, `"points"`, `"severity"`, `"turn"`, `"evidence"`, `"rule"`, `"message"`} {
			assert.Contains(t, body, field)
		}
		for _, s := range []judge.Severity{judge.High, judge.Medium, judge.Low} {
			assert.Contains(t, body, string(s))
		}
	})
	t.Run("the customer knows how to stop", func(t *testing.T) {
		assert.Contains(t, load(t, prompts.Customer).Body, "<<DONE>>")
	})
	t.Run("the fixer proposes and never applies", func(t *testing.T) {
		body := load(t, prompts.Fixer).Body
		assert.Contains(t, body, "never apply")
		assert.Contains(t, body, "git apply --check")
	})
}

func TestParseSaysWhatIsWrong(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"no front matter", "You are a writer.", "no front matter"},
		{"an unclosed front matter", "---\nname: x\n", "not closed"},
		{"no name", "---\ndescription: d\n---\nbody", "name: missing"},
		{"no description", "---\nname: x\n---\nbody", "description: missing"},
		{"an empty body", "---\nname: x\ndescription: d\n---\n\n", "the prompt is empty"},
		{"an empty front matter", "---\n\n---\nbody", "name: missing"},
		{"a misspelt field, on its line, with the field meant", "---\nname: x\ndescripton: d\n---\nbody",
			`x.md:3: descripton: unknown field; did you mean "description"?`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := prompts.Parse("x.md", []byte(c.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Contains(t, err.Error(), "x.md")
		})
	}
	t.Run("an edited copy in a directory is read instead", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "judge.md"), []byte("---\nname: mine\ndescription: d\n---\nBe strict.\n"), 0o644))
		p, err := prompts.LoadDir(dir, prompts.Judge)
		require.NoError(t, err)
		assert.Equal(t, "Be strict.", p.Body)
	})
	t.Run("an unknown prompt lists the known ones", func(t *testing.T) {
		_, err := prompts.Load("planner")
		assert.ErrorContains(t, err, "writer, runner-customer, judge, fixer")
	})
}
