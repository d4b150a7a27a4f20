package writer

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFakeDataHasValidCheckDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		dni := fakeDNI(rng)
		n := 0
		for _, c := range dni[:8] {
			n = n*10 + int(c-'0')
		}
		assert.Equal(t, dniLetters[n%23], dni[8], "DNI %s check letter", dni)

		iban := strings.ReplaceAll(fakeIBAN(rng), " ", "")
		assert.Len(t, iban, 24)
		num, ok := new(big.Int).SetString(iban[4:]+"1428"+iban[2:4], 10)
		assert.True(t, ok)
		assert.Equal(t, int64(1), new(big.Int).Mod(num, big.NewInt(97)).Int64(), "IBAN %s passes mod 97", iban)
	}
}

func TestStyle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []struct {
		name       string
		msg        message
		transforms []string
		want       string
	}{
		{"capitalises an utterance that starts a sentence", wrap("{u} please", "hola", true), nil, "Hola please"},
		{"leaves an utterance inside a sentence alone", wrap("ok, {u}", "acepto", false), nil, "ok, acepto"},
		{"writes ALL CAPS", wrap("a ver... {u}", "sí, acepto", false), []string{"caps"}, "A VER... SÍ, ACEPTO"},
		{"drops accents but keeps ñ", wrap("{u} mañana", "sí, acepto", false), []string{"noaccents"}, "Si, acepto mañana"},
		{"signs flavour messages only", wrap("{u}", "ayuda", true), []string{"sign"}, "Ayuda Carmen"},
		{"does not sign data answers", wrap("{u}", "12345678Z", false), []string{"sign"}, "12345678Z"},
		{"turns pauses into dots without piling them up", wrap("pues. a ver... {u}", "230 kWh", false), []string{"ellipsis"}, "pues... a ver... 230 kWh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, style(c.msg, c.transforms, "Carmen", rng))
		})
	}
	t.Run("typos never touch what the bot must hear", func(t *testing.T) {
		for range 50 {
			got := style(wrap("entonces tengo muchisimas preguntas {u}", "quiero hablar con una persona", true), []string{"typos"}, "X", rng)
			assert.True(t, strings.HasSuffix(got, "quiero hablar con una persona"), got)
		}
	})
}

func TestKebabID(t *testing.T) {
	for in, want := range map[string]string{
		"Grandma Carmen":      "grandma-carmen",
		"Analyst José Luis":   "analyst-jose-luis",
		"Rage Quitter Iñaki":  "rage-quitter-inaki",
		"Wrong-Number Jürgen": "wrong-number-jurgen",
		"Busy Mum  Élodie":    "busy-mum-elodie",
	} {
		assert.Equal(t, want, kebabID(in))
	}
}
