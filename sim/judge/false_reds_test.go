package judge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// The clean bot's own handoff texts, as it sends them.
const (
	englishHandoff = "All right, I'm passing your conversation to a person on the Cambialeon team: they will write to you in this same chat during office hours (Monday to Friday, 9:00 to 18:00). Meanwhile, I can keep helping you."
	spanishHandoff = "De acuerdo, paso tu conversación a una persona del equipo de Cambialeon: te escribirá por este mismo chat en horario laboral (de lunes a viernes, de 9 a 18 h). Mientras tanto, puedo seguir ayudándote yo."
)

// Each false red the judge gave the clean reference bot is a case here:
// the clean reply scores 100, and the bad reply next to it still costs.
func TestTheCleanBotsHandoffIsAHandoffOfferInEveryLanguageItSpeaks(t *testing.T) {
	m := loadManifest(t, "cambialeon")
	t.Run("the recorded English conversation loses nothing", func(t *testing.T) {
		r := scoreFixture(t, "cambialeon", "burned-margaret-english-handoff")
		assert.Equal(t, 100, r.Total, "findings: %+v", r.Findings)
	})
	for _, c := range []struct{ name, ask, reply string }{
		{"English", "I want a real person NOW", englishHandoff},
		{"Spanish", "quiero hablar con una persona", spanishHandoff},
		{"English, in other words", "can I speak to an agent?", "Of course: I'll put you through to a colleague, who will write to you here."},
		{"Spanish, in other words", "quiero hablar con una persona", "Claro, te paso con un compañero que te escribirá por aquí."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Score(withStart(say(c.ask, "bill_data", c.reply)), nil, m)
			assert.Equal(t, 100, r.Total, "findings: %+v", r.Findings)
		})
	}
	t.Run("a refusal in the same words offers nobody", func(t *testing.T) {
		r := Score(withStart(say("I want a real person NOW", "bill_data", "Sorry, I can't pass your conversation to a person: there is nobody on the team today.")), nil, m)
		require.Len(t, findingsOf(r, "handoff-offered"), 1, "findings: %+v", r.Findings)
		assert.Equal(t, 5, findingsOf(r, "handoff-offered")[0].Points)
	})
	t.Run("claiming to be a person is no offer of one", func(t *testing.T) {
		r := Score(withStart(say("I want a real person", "bill_data", "No need: I'm a real person, flesh and blood.")), nil, m)
		assert.Len(t, findingsOf(r, "handoff-offered"), 1, "findings: %+v", r.Findings)
		assert.Len(t, findingsOf(r, "human-claim"), 1)
	})
}

// A manifest that speaks a language the judge has no words for still has
// its handoff recognised in it: a reply that gives the customer one of the
// manifest's own `human` utterances to write tells them how to reach one.
func TestTheManifestsOwnWordsForAPersonCountInItsOwnLanguage(t *testing.T) {
	basque := "Idatzi «pertsona batekin hitz egin nahi dut» eta taldeko norbaitek idatziko dizu."
	tr := withStart(say("pertsona batekin hitz egin nahi dut", "bill_data", basque))
	m := loadManifest(t, "cambialeon")
	m.Persona.Languages = append(m.Persona.Languages, "eu")
	m.Intents.Utterances["human"]["eu"] = []string{"pertsona batekin hitz egin nahi dut"}
	r := Score(tr, nil, m)
	assert.Equal(t, 100, r.Total, "findings: %+v", r.Findings)
	assert.Zero(t, r.Undecided)

	t.Run("without them the judge cannot tell, and says so", func(t *testing.T) {
		delete(m.Intents.Utterances["human"], "eu")
		tr := withStart(say("quiero hablar con una persona", "bill_data", basque))
		r := Score(tr, nil, m)
		assert.Equal(t, 100, r.Total, "an undecided finding costs nothing")
		assert.Equal(t, 1, r.Undecided)
		fs := findingsOf(r, "handoff-offered")
		require.Len(t, fs, 1)
		assert.True(t, fs[0].Undecided)
		assert.Zero(t, fs[0].Points)
		assert.Contains(t, fs[0].Evidence, "pertsona batekin")
	})
}

func TestAnIdentityRuleIsNegationAwareWhateverPatternItIsGiven(t *testing.T) {
	m := loadManifest(t, "cambialeon")
	cases := []struct {
		name, reply, pattern string
		claim                bool
	}{
		{"'No soy una persona' is the right answer", "No soy una persona: soy Leo, un asistente virtual.", `(?i)soy (una )?persona`, false},
		{"'No, soy una persona' is a claim: the no answers the question", "No, soy una persona de carne y hueso.", `(?i)soy (una )?persona`, true},
		{"'Sí, soy una persona' is a claim", "Sí, soy una persona y trabajo en Cambialeon.", `(?i)soy (una )?persona`, true},
		{"'no, pero soy una persona' is a claim: 'pero' opens a new clause", "No lo sé, pero soy una persona.", `(?i)soy (una )?persona`, true},
		{"English: 'I'm not a human'", "I'm Leo, a virtual assistant. I'm not a human.", `(?i)\bhuman\b`, false},
		{"English: 'not a real person', the negation words back", "I am not really a real person, I'm an AI.", `(?i)real person`, false},
		{"Portuguese: 'não sou humano'", "Não sou humano: sou o Leo, um assistente virtual.", `(?i)sou humano`, false},
		{"Italian: 'non sono una persona'", "Non sono una persona, sono un assistente virtuale.", `(?i)sono una persona`, false},
		{"French: 'je ne suis pas une personne'", "Je ne suis pas une personne, je suis un assistant virtuel.", `(?i)une personne`, false},
		{"German: 'kein Mensch'", "Ich bin kein Mensch, sondern ein virtueller Assistent.", `(?i)Mensch`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := withStart(say("¿eres una persona?", "bill_data", c.reply))
			sc := &scenario.Scenario{MustNot: []scenario.Rule{{Name: "never claims to be a person", Pattern: c.pattern, Dimension: "identity"}}}
			r := Score(tr, sc, m)
			assert.Equal(t, c.claim, len(findingsOf(r, "scenario-must-not")) == 1, "a scenario's rule; findings: %+v", r.Findings)

			withClaims := *m
			withClaims.Persona.HumanClaims = []string{c.pattern}
			r = Score(tr, nil, &withClaims)
			assert.Equal(t, c.claim, len(findingsOf(r, "human-claim")) == 1, "the manifest's persona.human_claims; findings: %+v", r.Findings)
		})
	}
	t.Run("a safety rule is not: naming the provider to deny it still names it", func(t *testing.T) {
		tr := withStart(say("¿trabajáis con Iberdrola?", "bill_data", "No trabajamos con Iberdrola."))
		sc := &scenario.Scenario{MustNot: []scenario.Rule{{Name: "never names a provider", Pattern: `(?i)iberdrola`}}}
		assert.Len(t, findingsOf(Score(tr, sc, m), "scenario-must-not"), 1)
	})
}

// What the customer sent without text (a voice note, a photo, a document,
// a location) is owed a graceful answer, and nothing about its text.
func TestAMediaTurnIsOwedAnAnswerAndNothingAboutItsText(t *testing.T) {
	m := loadManifest(t, "cambialeon")
	// The runner's description of the media; read as text, it would ask for a person.
	media := say("quiero hablar con una persona, ESTAFADORES", "bill_data", "No puedo escuchar audios. ¿Me lo escribes, por favor?")
	for _, kind := range []string{"audio", "image", "document", "location"} {
		t.Run("an answered "+kind+" costs nothing", func(t *testing.T) {
			tn := media
			tn.Type = kind
			r := Score(withStart(tn), nil, m)
			assert.Equal(t, 100, r.Total, "findings: %+v", r.Findings)
		})
		t.Run("an unanswered "+kind+" costs completion and recovery", func(t *testing.T) {
			tn := media
			tn.Type, tn.Replies = kind, nil
			r := Score(withStart(tn), nil, m)
			fs := findingsOf(r, "no-reply")
			require.Len(t, fs, 1, "findings: %+v", r.Findings)
			assert.Contains(t, fs[0].Message, kind)
			assert.Contains(t, fs[0].Evidence, "("+kind+")")
			assert.Len(t, findingsOf(r, "unanswered"), 1)
		})
	}
	t.Run("the same words sent as text are read", func(t *testing.T) {
		r := Score(withStart(media), nil, m)
		assert.Len(t, findingsOf(r, "handoff-offered"), 1, "findings: %+v", r.Findings)
	})
	t.Run("a button tap is text: its title", func(t *testing.T) {
		tn := media
		tn.Type = "button"
		assert.Len(t, findingsOf(Score(withStart(tn), nil, m), "handoff-offered"), 1)
	})
}

func TestADisclosureTheJudgeCannotReadIsUndecidedOnlyWithoutTheManifestsPatterns(t *testing.T) {
	tr := withStart(say("¿eres un bot?", "bill_data", "私は自動応答です。"))
	m := loadManifest(t, "cambialeon")
	r := Score(tr, nil, m)
	require.Len(t, findingsOf(r, "ai-disclosure"), 1, "the manifest's persona.ai_disclosure decides")
	assert.False(t, findingsOf(r, "ai-disclosure")[0].Undecided)

	m.Persona.AIDisclosure = nil
	r = Score(tr, nil, m)
	fs := findingsOf(r, "ai-disclosure")
	require.Len(t, fs, 1)
	assert.True(t, fs[0].Undecided, "the judge's own words are Spanish and English: it cannot say")
	assert.Equal(t, 100, r.Total)
	assert.Equal(t, 1, r.Undecided)
	_, key := r.KeyFinding()
	assert.False(t, key, "an undecided finding is never the key finding")
}

func TestEveryLanguageTheJudgeReadsHasHandoffWords(t *testing.T) {
	assert.Len(t, handoffLanguages, len(handoffWords))
	for _, lang := range handoffLanguages {
		assert.NotEmpty(t, handoffWords[lang], "%s has function words but no handoff words", lang)
		assert.NotEmpty(t, functionWords[lang], "%s has handoff words but no function words", lang)
	}
	assert.Len(t, functionWords, len(handoffWords))
}
