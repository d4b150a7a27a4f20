package envflag_test

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/envflag"
)

// values are one flag of each kind, with twins named T_<KIND>.
type values struct {
	str      *string
	boolean  *bool
	integer  *int
	int64    *int64
	duration *time.Duration
}

func newSet(out io.Writer) (*flag.FlagSet, *envflag.Set, values) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(out)
	s := envflag.New(fs)
	return fs, s, values{
		str:      s.String("name", "T_STRING", "dflt", "a string"),
		boolean:  s.Bool("quiet", "T_BOOL", false, "a bool"),
		integer:  s.Int("count", "T_INT", 3, "an int"),
		int64:    s.Int64("seed", "T_INT64", 7, "an int64"),
		duration: s.Duration("timeout", "T_DURATION", time.Second, "a duration"),
	}
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestAFlagTakesTheCommandLineElseItsVariableElseItsDefault(t *testing.T) {
	type want struct {
		str      string
		boolean  bool
		integer  int
		int64    int64
		duration time.Duration
	}
	all := map[string]string{"T_STRING": "from-env", "T_BOOL": "true", "T_INT": "12", "T_INT64": "-5", "T_DURATION": "4m"}
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want want
	}{
		{"nothing set gives the defaults", nil, nil, want{"dflt", false, 3, 7, time.Second}},
		{"every variable set gives their values", nil, all, want{"from-env", true, 12, -5, 4 * time.Minute}},
		{"the command line wins over every variable", []string{"-name", "cli", "-quiet=false", "-count", "1", "-seed", "2", "-timeout", "3s"}, all,
			want{"cli", false, 1, 2, 3 * time.Second}},
		{"a flag given as its default still wins", []string{"-count", "3"}, map[string]string{"T_INT": "12"}, want{"dflt", false, 3, 7, time.Second}},
		{"one flag given, the others from their variables", []string{"-count", "9"}, all, want{"from-env", true, 9, -5, 4 * time.Minute}},
		{"a blank variable counts as unset", nil, map[string]string{"T_STRING": "  ", "T_INT": ""}, want{"dflt", false, 3, 7, time.Second}},
		{"surrounding blanks are dropped", nil, map[string]string{"T_STRING": " bot\n", "T_INT": " 4 ", "T_BOOL": "1 "}, want{"bot", true, 4, 7, time.Second}},
		{"an explicitly empty flag wins over its variable", []string{"-name="}, map[string]string{"T_STRING": "from-env"}, want{"", false, 3, 7, time.Second}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, s, v := newSet(io.Discard)
			require.NoError(t, s.Parse(c.args, env(c.env)))
			assert.Equal(t, c.want.str, *v.str, "string")
			assert.Equal(t, c.want.boolean, *v.boolean, "bool")
			assert.Equal(t, c.want.integer, *v.integer, "int")
			assert.Equal(t, c.want.int64, *v.int64, "int64")
			assert.Equal(t, c.want.duration, *v.duration, "duration")
		})
	}
}

func TestAMalformedVariableIsAnErrorNamingItsFlagAndWhatItWants(t *testing.T) {
	for _, c := range []struct {
		name, variable, value, flag, want string
	}{
		{"a bool", "T_BOOL", "yes please", "quiet", `$T_BOOL="yes please": want true or false (it stands for -quiet; fix or unset it)`},
		{"an int", "T_INT", "many", "count", `$T_INT="many": want a whole number (it stands for -count; fix or unset it)`},
		{"an int64", "T_INT64", "1.5", "seed", `$T_INT64="1.5": want a whole number (it stands for -seed; fix or unset it)`},
		{"a duration", "T_DURATION", "4", "timeout", `$T_DURATION="4": want a duration like 90s or 4m (it stands for -timeout; fix or unset it)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, s, _ := newSet(io.Discard)
			err := s.Parse(nil, env(map[string]string{c.variable: c.value}))
			require.Error(t, err)
			assert.Equal(t, c.want, err.Error())
			var e *envflag.Error
			require.True(t, errors.As(err, &e), "got %T, want *envflag.Error", err)
			assert.Equal(t, c.variable, e.Var)
			assert.Equal(t, c.flag, e.Flag)
		})
		t.Run(c.name+" is ignored when its flag is given", func(t *testing.T) {
			_, s, _ := newSet(io.Discard)
			def := map[string]string{"quiet": "-quiet", "count": "-count=1", "seed": "-seed=1", "timeout": "-timeout=1s"}[c.flag]
			assert.NoError(t, s.Parse([]string{def}, env(map[string]string{c.variable: c.value})))
		})
	}
}

func TestEveryMalformedVariableIsReportedAtOnce(t *testing.T) {
	_, s, _ := newSet(io.Discard)
	err := s.Parse(nil, env(map[string]string{"T_INT": "x", "T_DURATION": "y", "T_STRING": "fine"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "$T_INT=")
	assert.Contains(t, err.Error(), "$T_DURATION=")
}

func TestHelpNamesEveryTwinAndNeverAVariablesValue(t *testing.T) {
	const secret = "s3cr3t-from-the-environment"
	vars := map[string]string{"T_STRING": secret, "T_INT": "41"}

	var out bytes.Buffer
	_, s, _ := newSet(&out)
	err := s.Parse([]string{"-h"}, env(vars))
	require.ErrorIs(t, err, flag.ErrHelp)
	for _, v := range []string{"T_STRING", "T_BOOL", "T_INT", "T_INT64", "T_DURATION"} {
		assert.Contains(t, out.String(), "[env "+v+"]")
	}
	assert.Contains(t, out.String(), `(default "dflt")`, "the static default is shown")
	assert.NotContains(t, out.String(), secret)

	t.Run("nor after the variables were applied", func(t *testing.T) {
		var out bytes.Buffer
		fs, s, v := newSet(&out)
		require.NoError(t, s.Parse(nil, env(vars)))
		require.Equal(t, secret, *v.str)
		fs.PrintDefaults()
		assert.NotContains(t, out.String(), secret)
		assert.NotContains(t, out.String(), "41")
	})
}

func TestFromEnvCompletesAFlagSetParsedElsewhere(t *testing.T) {
	fs, s, v := newSet(io.Discard)
	require.NoError(t, fs.Parse([]string{"-count", "5"})) // as go test parses flag.CommandLine
	require.NoError(t, s.FromEnv(env(map[string]string{"T_INT": "6", "T_STRING": "x"})))
	assert.Equal(t, 5, *v.integer, "the command line wins")
	assert.Equal(t, "x", *v.str)
}

func TestFlagsWithoutATwinAreLeftAlone(t *testing.T) {
	fs, s, _ := newSet(io.Discard)
	plain := fs.String("out", "here", "no twin")
	require.NoError(t, s.Parse(nil, env(map[string]string{"OUT": "there", "T_OUT": "there"})))
	assert.Equal(t, "here", *plain)
	var help strings.Builder
	fs.SetOutput(&help)
	fs.PrintDefaults()
	assert.NotContains(t, help.String(), "no twin [env")
}
