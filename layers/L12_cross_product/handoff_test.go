package l12crossproduct_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// handoffOffers are what offering a person sounds like: the bot says it
// passes the conversation to someone (a person, an agent, the team). The
// manifest has no field for it, so these are the suite's own, by language.
var handoffOffers = map[string]*regexp.Regexp{
	"es": regexp.MustCompile(`(?i)\b(?:paso|pasar[eé]?|pasamos|transfiero|transferir[eé]?|derivo|derivar[eé]?|te pongo con|te pondr[eé] con|te atender[aá]|te escribir[aá]|te llamar[aá]|te contactar[aá])\b.{0,80}\b(?:persona|agente|compañer[oa]s?|equipo|humano|gestor[a]?)\b`),
	"en": regexp.MustCompile(`(?i)\b(?:passing|pass|transferring|transfer|connecting|connect|handing|hand you over|will contact|will write|will call|will get in touch)\b.{0,80}\b(?:person|human|agent|team|colleague|staff)\b`),
}

// A customer who asks for a person is offered one (their conversation is
// handed to the team), in their language, and stays where they were.
func TestAskingForAHumanOffersAHandoff(t *testing.T) {
	t.Parallel()
	forEachBot(t, func(t *testing.T, tg *testutil.Target) {
		m := tg.M
		if _, ok := m.Intents.Global["human"]; !ok {
			t.Skipf("%s: intents.global has no human intent", m.File())
		}
		forEachLanguage(t, tg, func(t *testing.T, lang string) {
			offer := handoffOffers[lang]
			if offer == nil {
				t.Skipf("the suite knows what a handoff offer sounds like in es and en, not in %s (persona.languages of %s)", lang, m.File())
			}
			for _, state := range places(t, m) {
				t.Run("in_"+state, func(t *testing.T) {
					t.Parallel()
					phone := phoneIn(t, tg, state, lang)
					for _, ask := range testutil.Examples(t, m, "human", lang) {
						tu := tg.Say(t, phone, ask)
						requireReply(t, tu, "asking for a person")
						assert.Regexp(t, offer, tu.Text(), "%s: asking for a person must be answered with an offer to pass the conversation to one (no-handoff)", tu.Quote())
						assertNoHumanClaim(t, m, tu)
						assertKeepsState(t, tg, phone, state, tu, "asking for a person")
					}
				})
			}
		})
	})
}
