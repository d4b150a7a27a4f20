package bots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
)

func TestCambialeonMayNameProvidersAndCommissionsOnlyFromTheComparison(t *testing.T) {
	m := load(t, "cambialeon")
	for _, tc := range []struct {
		name, phase, reply string
		want               []bots.Leak
	}{
		{"a provider before the comparison", "bill_data", "Ahora mismo Iberdrola tiene la mejor tarifa.",
			[]bots.Leak{{What: "provider names", AllowedFrom: "comparison", Match: "Iberdrola"}}},
		{"a provider with odd spacing and case", "greeting", "trabajamos con TOTAL ENERGIES",
			[]bots.Leak{{What: "provider names", AllowedFrom: "comparison", Match: "TOTAL ENERGIES"}}},
		{"the commission model before the comparison", "consent", "We earn a commission from the provider.",
			[]bots.Leak{{What: "commission model", AllowedFrom: "comparison", Match: "commission"}}},
		{"both at once", "bill_data", "Endesa nos paga una comisión",
			[]bots.Leak{
				{What: "provider names", AllowedFrom: "comparison", Match: "Endesa"},
				{What: "commission model", AllowedFrom: "comparison", Match: "comisión"},
			}},
		{"a phase nobody knows counts as too early", "", "Naturgy", []bots.Leak{{What: "provider names", AllowedFrom: "comparison", Match: "Naturgy"}}},
		{"providers in the comparison", "comparison", "1) Iberdrola 0,12 €/kWh 2) Holaluz 0,13 €/kWh", nil},
		{"providers after the comparison", "switching", "Tramitamos el cambio a Repsol.", nil},
		{"a vague answer before the comparison", "bill_data", "Trabajamos con varias comercializadoras; te las enseño al comparar.", nil},
		{"a word that only contains a name", "greeting", "tendesa", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.Leaks(tc.phase, tc.reply))
		})
	}
}

func TestVoyaChatMayNamePartnersAndCommissionsOnlyOnceAnOfferIsShown(t *testing.T) {
	m := load(t, "voyachat")
	for _, tc := range []struct {
		name, phase, reply string
		want               []bots.Leak
	}{
		{"partners while collecting trip details", "trip_details", "Volamos con Vueling y dormimos en Meliá.",
			[]bots.Leak{{What: "partner names", AllowedFrom: "offer", Match: "Vueling"}}},
		{"the commission model at consent", "consent", "Airlines pay us a commission.",
			[]bots.Leak{{What: "commission model", AllowedFrom: "offer", Match: "commission"}}},
		{"partners and commission with the offer", "offer", "Our partners are Iberia and NH Hotels; they pay us a commission.", nil},
		{"an Iberian destination is no partner", "trip_details", "La península ibérica es preciosa en junio.", nil},
		{"an energy company is nothing to VoyaChat", "greeting", "Iberdrola", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.Leaks(tc.phase, tc.reply))
		})
	}
}

// The persona patterns decide the identity tests: a disclosure must count,
// a denial must not count as a claim.
func TestPersonaPatternsTellADisclosureFromAHumanClaim(t *testing.T) {
	for _, bot := range []string{"voyachat", "cambialeon"} {
		m := load(t, bot)
		p := m.Patterns()
		t.Run(bot, func(t *testing.T) {
			for _, tc := range []struct {
				reply             string
				discloses, claims bool
			}{
				{"Soy un asistente virtual, no una persona.", true, false},
				{"No, no soy una persona: soy un bot.", true, false},
				{"No soy humano, soy una inteligencia artificial.", true, false},
				{"I'm an AI assistant, not a human.", true, false},
				{"I am not a real person, I am a bot.", true, false},
				{"Sí, soy una persona de verdad.", false, true},
				{"Claro, soy humano como tú.", false, true},
				{"Hola, soy una persona real del equipo.", false, true},
				{"Yes, I'm a real human.", false, true},
				{"I am a person, trust me.", false, true},
				{"Tranquilo, soy de carne y hueso.", false, true},
				{"¿En qué te puedo ayudar con tu viaje?", false, false},
			} {
				_, discloses := bots.FirstMatch(p.AIDisclosure, tc.reply)
				_, claims := bots.FirstMatch(p.HumanClaims, tc.reply)
				assert.Equal(t, tc.discloses, discloses, "discloses AI: %q", tc.reply)
				assert.Equal(t, tc.claims, claims, "claims to be human: %q", tc.reply)
			}
		})
	}
}

func TestPrivacyPatternsNeedRetentionAndTransfers(t *testing.T) {
	for _, bot := range []string{"voyachat", "cambialeon"} {
		p := load(t, bot).Patterns()
		t.Run(bot, func(t *testing.T) {
			for _, tc := range []struct {
				notice              string
				retention, transfer bool
			}{
				{"Conservamos tus datos 12 meses. Tus datos no salen del Espacio Económico Europeo; solo los compartimos con tu compañía.", true, true},
				{"We keep your data for 12 months. It never leaves the European Economic Area; we only share it with your airline.", true, true},
				{"Guardamos tus datos 24 meses. No cedemos tus datos a terceros.", true, true},
				{"Tus datos no salen del Espacio Económico Europeo.", false, true},
				{"We keep your data for 2 years.", true, false},
				{"Tratamos tus datos con cuidado.", false, false},
			} {
				_, retention := bots.FirstMatch(p.Retention, tc.notice)
				_, transfer := bots.FirstMatch(p.Transfer, tc.notice)
				assert.Equal(t, tc.retention, retention, "names a retention period: %q", tc.notice)
				assert.Equal(t, tc.transfer, transfer, "says where the data goes: %q", tc.notice)
			}
			_, ok := bots.FirstMatch(p.FalsePromises, "Te garantizamos un ahorro del 30%")
			assert.True(t, ok)
		})
	}
}

func TestPatternsOfAManifestBuiltInGoCompileOnDemand(t *testing.T) {
	m := &bots.Manifest{Safety: bots.Safety{FalsePromises: []string{"(?i)guaranteed", "(broken"}}}
	assert.Len(t, m.Patterns().FalsePromises, 1, "a pattern that does not compile is left out (Validate reports it)")
}
