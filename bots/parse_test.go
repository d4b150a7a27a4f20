package bots_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

func TestParseReportsWhatIsWrongWithTheYAMLAllAtOnce(t *testing.T) {
	t.Setenv("CAAS_T_UNSET", "")
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"a misspelt field, with its line and the field meant",
			"name: inline\ndisplay_name: Inline\nbudgets: {reply_ms: 2000, setle_ms: 150}\n",
			[]string{`bots/inline.yaml:3: budgets.setle_ms: unknown field; did you mean "settle_ms"? known fields here: health_ms, reply_ms, settle_ms`}},
		{"a misspelt field and a wrong type in one pass",
			"nmae: inline\nbudgets:\n  reply_ms: fast\n",
			[]string{
				`bots/inline.yaml:1: nmae: unknown field; did you mean "name"? known fields here: budgets, display_name, endpoints, graph, intents, name, observe, persona, safety, secrets, source, target, test_phones`,
				"bots/inline.yaml:3: budgets.reply_ms: cannot unmarshal !!str `fast` into int; write a value of the type docs/manifest.md gives for this field",
			}},
		{"a number that expands to a word is a type error on its field",
			"name: inline\nbudgets: {reply_ms: \"${CAAS_T_UNSET:-soon}\"}\n",
			[]string{"bots/inline.yaml:2: budgets.reply_ms: cannot unmarshal !!str `soon` into int; write a value of the type docs/manifest.md gives for this field"}},
		{"an empty manifest",
			"# nothing yet\n",
			[]string{"bots/inline.yaml: file is empty; start from bots/example.yaml"}},
		{"two manifests in one file",
			"name: inline\n---\nname: other\n",
			[]string{"bots/inline.yaml:2: more than one YAML document; keep one bot per manifest; move the others to their own files"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bots.Parse("inline.yaml", []byte(tc.yaml))
			var probs bots.Problems
			require.True(t, errors.As(err, &probs), "the error is not a bots.Problems: %v", err)
			got := make([]string, len(probs))
			for i, p := range probs {
				got[i] = p.Error()
			}
			assert.Equal(t, tc.want, got)
		})
	}
}
