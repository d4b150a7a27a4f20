package scenario_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

const typedFile = "testdata/valid/abuelo-typed.yaml"

func TestTypedTurns(t *testing.T) {
	s, err := scenario.Load(typedFile)
	require.NoError(t, err)
	require.NoError(t, errors.Join(s.Validate(), s.ValidatePhases(phases["cambialeon"])))

	t.Run("every kind of turn decodes to what the file says", func(t *testing.T) {
		want := []scenario.Turn{
			{Kind: scenario.TurnAudio, Voice: true},
			{Kind: scenario.TurnImage, Text: "LA FACTURA"},
			{Kind: scenario.TurnDocument, Filename: "factura-luz.pdf", Text: "la de marzo"},
			{Kind: scenario.TurnLocation, Place: &scenario.Place{Latitude: 41.7665, Longitude: -2.4790, Name: "Plaza Mayor", Address: "Soria"}},
			{Kind: scenario.TurnButton, Text: "Sí, acepto", List: true, ID: "accept"},
			{Kind: scenario.TurnBurst, Burst: []string{"180", "3,3", "iberdrola"}},
			scenario.Text("gracias"),
		}
		assert.Equal(t, want, s.Turns)
	})

	t.Run("the script starts with the opening and says each turn in words", func(t *testing.T) {
		script := s.Script()
		require.Len(t, script, 8)
		assert.Equal(t, scenario.Text("hola"), script[0])
		assert.Equal(t, []string{"hola", "", "LA FACTURA", "la de marzo", "Plaza Mayor, Soria", "Sí, acepto", "180\n3,3\niberdrola", "gracias"}, s.Messages())
	})

	t.Run("a typed scenario round-trips through Marshal and the strict loader", func(t *testing.T) {
		data, err := s.Marshal()
		require.NoError(t, err)
		back, err := scenario.Parse("abuelo-typed.yaml", data)
		require.NoError(t, err, "%s", data)
		assert.Equal(t, s.Turns, back.Turns, "%s", data)
		assert.Contains(t, string(data), "- audio: voice\n", "a voice note is written the way a person writes it")
		assert.Contains(t, string(data), "- gracias\n", "a text turn stays a plain string")
	})

	t.Run("a problem found after loading points at the line inside the turn", func(t *testing.T) {
		bad := *s
		bad.Turns = append([]scenario.Turn(nil), s.Turns...)
		bad.Turns[5].Burst = []string{"180", " ", "iberdrola"}
		var ps scenario.Problems
		require.True(t, errors.As(bad.Validate(), &ps))
		require.Len(t, ps, 1)
		assert.Equal(t, scenario.Problem{File: typedFile, Line: 24, Field: "turns[5].burst[1]", Msg: "empty", Fix: "write the message or remove the item"}, ps[0])
	})

	t.Run("a turn of an unknown kind built in memory is refused", func(t *testing.T) {
		bad := *s
		bad.Turns = []scenario.Turn{{Kind: "sticker"}, scenario.Text("a"), scenario.Text("b"), scenario.Text("c"), scenario.Text("d"), scenario.Text("e"), scenario.Text("f")}
		err := bad.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), `turns[0]: "sticker" is not a kind of turn; use one of: text, audio, image, document, location, button, burst`)
	})
}
