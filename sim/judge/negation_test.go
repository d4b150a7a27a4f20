package judge

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestANegationGovernsOnlyItsOwnClauseAndNearbyWords(t *testing.T) {
	cases := []struct {
		text, match string
		negated     bool
	}{
		{"No soy una persona.", "soy una persona", true},
		{"No, soy una persona.", "soy una persona", false},
		{"Yo no soy humano", "humano", true},
		{"No lo sé, pero soy una persona", "soy una persona", false},
		{"¿No sabías que soy un bot?", "bot", false},
		{"No puedo pasarte con una persona", "una persona", true},
		{"No dudes en escribirnos y pedir hablar con una persona", "una persona", false},
		{"I can't put you through to a person", "a person", true},
		{"I'm not really a human", "human", true},
		{"It is a non-human assistant", "human", true},
		{"I'm not sure. I'm a person", "a person", false},
		{"Não sou humano", "humano", true},
		{"Ich bin kein Mensch", "Mensch", true},
		{"Ahora no hay nadie: te paso con un agente", "agente", false},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			start := strings.LastIndex(c.text, c.match)
			assert.Equal(t, c.negated, negated(c.text, start, start+len(c.match)))
		})
	}
}
