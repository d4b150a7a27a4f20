package strictyaml_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/strictyaml"
)

func TestAProblemReadsFileLineFieldWhatAndFix(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    strictyaml.Problem
		want string
	}{
		{"every part", strictyaml.Problem{File: "bots/x.yaml", Line: 14, Field: "secrets.app_secret", Msg: "missing", Fix: "set it"},
			"bots/x.yaml:14: secrets.app_secret: missing; set it"},
		{"no line", strictyaml.Problem{File: "x.yaml", Field: "name", Msg: "missing", Fix: "set it"}, "x.yaml: name: missing; set it"},
		{"no field", strictyaml.Problem{File: "x.yaml", Line: 3, Msg: "file is empty", Fix: "fill it"}, "x.yaml:3: file is empty; fill it"},
		{"no fix", strictyaml.Problem{File: "x.yaml", Line: 3, Field: "a", Msg: "odd"}, "x.yaml:3: a: odd"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.p.Error()) })
	}
}

func TestProblemsAreOneErrorOfOneLineEach(t *testing.T) {
	ps := strictyaml.Problems{{File: "a.yaml", Line: 1, Msg: "one"}, {File: "a.yaml", Line: 2, Msg: "two"}}
	err := ps.Err()
	assert.EqualError(t, err, "a.yaml:1: one\na.yaml:2: two")
	var back strictyaml.Problems
	assert.True(t, errors.As(err, &back))
	assert.Len(t, back, 2)
	assert.NoError(t, strictyaml.Problems(nil).Err(), "no problem is no error, not an empty list")
}

func TestLineOfFallsBackToTheParentField(t *testing.T) {
	lines := map[string]int{"safety": 40, "safety.canaries": 42, "safety.canaries[0]": 43}
	for field, want := range map[string]int{
		"safety.canaries[0]": 43,
		"safety.canaries[1]": 42,
		"safety.pii":         40,
		"target.url":         0,
		"":                   0,
	} {
		assert.Equal(t, want, strictyaml.LineOf(lines, field), field)
	}
}

func TestNearestSuggestsOnlyANearMiss(t *testing.T) {
	known := []string{"age", "bot", "languages", "max_turns", "name", "path", "reply_ms"}
	for _, tc := range []struct{ got, want string }{
		{"langauges", "languages"}, // two letters swapped
		{"nmae", "name"},
		{"max_turn", "max_turns"},
		{"reply_sm", "reply_ms"},
		{"pth", "path"},
		{"max", "max_turns"}, // cut short
		{"foo", ""},          // as far from "bot" as a short word can be
		{"colour", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, strictyaml.Nearest(tc.got, known), "Nearest(%q)", tc.got)
	}
}
