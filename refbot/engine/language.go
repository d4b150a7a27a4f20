package engine

import "strings"

// Language detection: count words typical of each language. One word is
// enough to set the language of a new conversation ("hi", "hola"); changing
// the language of a running one takes a clearer signal, so that a Spanish
// customer who types "Las Palmas" or "OK" keeps getting Spanish.

var spanishWords = set(`
hola buenas buenos buena bueno dias tardes noches quiero quiere queria querria necesito tengo tiene
que de del la el los las por para con una uno unos unas mi mis tu tus su es esta este
esto estoy estaba estamos soy eres son somos si gracias favor ayuda hablar persona
datos borra borrar baja alta vale luz factura viaje viajar reservar cuanto cuanta
donde como cual cuales porque pero nuevo nueva empezar mas muy bien ahora aqui usted
ustedes vosotros teneis tienen mes meses al dia semana pagar pago precio ir voy vamos
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
noviembre diciembre acepto aceptar entiendo nada algo otro otra tambien hay puedo
puedes podeis me le lo les nos os ni ya hasta desde sobre sin entre cuando mucho
poco nombre dni direccion calle numero compania comercializadora tarifa ahorro
perdona perdon hijo hija nieto nieta senor senora estafa denuncia eso ese esa
quien quienes cobrais comision tenemos sois estais estas llamo llamas
`)

var englishWords = set(`
hi hello hey i im want wanna would like need have has the to of my is are you your
what where how please thanks thank yes help talk speak human data delete stop start
book trip flight from and with for this that it do does can could english am not
again over bill month power which who why when scam sue the an be was were will
just any some there their they them we our us me about into please sorry understand
january february march april may june july august september october november
december agree accept one two three first second third cheapest name address
information info know tell show give get make money providers companies commission
reference thing something dont didnt cant wont its dates date days
nights night hotel hotels price cost go going
`)

var englishLanguageNames = set(`english ingles`)
var spanishLanguageNames = set(`spanish espanol castellano`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// baseVocabulary is every word the engine knows as itself: such a word is
// never read as a typo of another keyword.
func baseVocabulary() map[string]bool {
	v := map[string]bool{}
	for _, m := range []map[string]bool{spanishWords, englishWords} {
		for w := range m {
			v[w] = true
		}
	}
	return v
}

// buildLanguageWords adds the words of the product's keywords, listed per
// language, to the common words of each language: "privacy policy" is
// English because the privacy intent says so.
func (p *Product) buildLanguageWords() {
	p.langWords = map[string]map[string]bool{"es": {}, "en": {}}
	for w := range spanishWords {
		p.langWords["es"][w] = true
	}
	for w := range englishWords {
		p.langWords["en"][w] = true
	}
	for _, spec := range p.f.Intents {
		for lang, kws := range spec.Keywords {
			if p.langWords[lang] == nil {
				continue
			}
			for _, k := range kws {
				if strings.HasPrefix(k, "re:") || strings.HasPrefix(k, "!") {
					continue
				}
				for _, w := range words(fold(strings.TrimPrefix(k, "="))) {
					if len(w) > 1 { // "y" is English yes and Spanish and
						p.langWords[lang][w] = true
					}
				}
			}
		}
	}
}

// languageScores counts Spanish and English evidence in a message. Accents,
// ñ and inverted marks count for Spanish.
func (p *Product) languageScores(u utterance) (es, en int) {
	for _, t := range u.words {
		if p.langWords["es"][t.w] {
			es++
		}
		if p.langWords["en"][t.w] {
			en++
		}
	}
	if strings.ContainsAny(u.raw, "áéíóúñÁÉÍÓÚÑ¿¡") {
		es++
	}
	return es, en
}

// detectLanguage returns the language to answer in: the message's when it
// is clear, else the session's (or the product default for a new session).
func (p *Product) detectLanguage(s Session, u utterance) string {
	cur := s.Language
	if !p.speaks(cur) {
		cur = p.f.DefaultLanguage
	}
	es, en := p.languageScores(u)
	fresh := s.Turn <= 1 || s.Language == ""
	need := 2 // a running conversation switches on a clear signal only
	if fresh {
		need = 1
	}
	switch {
	case es >= need && es >= en+need && p.speaks("es"):
		return "es"
	case en >= need && en >= es+need && p.speaks("en"):
		return "en"
	}
	return cur
}

// requestedLanguage is the language the customer explicitly asks for ("in
// English please", "¿hablas español?"), or "".
// A negated request ("no hablo inglés") asks for the other language.
func (p *Product) requestedLanguage(u utterance) string {
	for i, t := range u.words {
		lang := ""
		switch {
		case englishLanguageNames[t.w]:
			lang = "en"
		case spanishLanguageNames[t.w]:
			lang = "es"
		default:
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			if negations[u.words[j].w] {
				lang = map[string]string{"en": "es", "es": "en"}[lang]
				break
			}
		}
		if p.speaks(lang) {
			return lang
		}
	}
	return ""
}

var negations = set(`no not dont don nunca never`)

func (p *Product) speaks(lang string) bool {
	for _, l := range p.f.Languages {
		if l == lang {
			return true
		}
	}
	return false
}
