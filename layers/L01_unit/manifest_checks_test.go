package l01unit_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

// problemsOf unpacks a manifest error into its problems; an error that is
// not a bots.Problems fails the test, since then nothing names the field.
func problemsOf(t *testing.T, err error) bots.Problems {
	t.Helper()
	require.Error(t, err, "a broken manifest loaded without complaint")
	var probs bots.Problems
	require.True(t, errors.As(err, &probs), "the error does not list problems (bots.Problems), so it cannot name file, field and fix: %v", err)
	require.NotEmpty(t, probs, "an empty list of problems: %v", err)
	return probs
}

var indexSuffix = regexp.MustCompile(`\[\d+\]`)

// assertWellFormed checks what every problem must carry: the file it is in
// (and the message starts with it), the line, a fix; and, for a problem
// about a field, a line that is about that field (it mentions one of the
// field's names: the field itself, or the block it is missing from; or it
// is the list item the field indexes).
func assertWellFormed(t *testing.T, path, file string, p bots.Problem) {
	t.Helper()
	assert.Equal(t, file, p.File, "problem %q names the wrong file", p.Error())
	assert.True(t, strings.HasPrefix(p.Error(), file+":"), "problem %q does not start with the file name %s", p.Error(), file)
	assert.NotEmpty(t, p.Msg, "problem %q says nothing", p.Error())
	assert.NotEmpty(t, p.Fix, "problem %q says what is wrong but not how to fix it", p.Error())
	if !assert.Positive(t, p.Line, "problem %q names no line", p.Error()) || p.Field == "" {
		return
	}
	line := lineOf(path, p.Line)
	if strings.HasSuffix(p.Field, "]") && strings.HasPrefix(strings.TrimSpace(line), "- ") {
		return // a list item in block style names no field
	}
	for _, name := range strings.Split(indexSuffix.ReplaceAllString(p.Field, ""), ".") {
		if name != "" && strings.Contains(line, name) {
			return
		}
	}
	t.Errorf("problem %q points at line %d, %q, which is not about %s", p.Error(), p.Line, strings.TrimSpace(line), p.Field)
}

// fields lists the problems' fields.
func fields(probs bots.Problems) []string {
	out := make([]string, len(probs))
	for i, p := range probs {
		out[i] = p.Field
	}
	return out
}
