package judge

import "strings"

// functionWords are frequent words of each language the judge can read
// (folded: lowercase, no accents). They tell which language a message is
// in; a language without a list here is one the judge cannot read, and a
// rule that would need to read it says so with an undecided finding. Every
// language here also has handoff words (handoffWords): a test holds the
// two tables to the same languages.
var functionWords = map[string]map[string]bool{
	"es": set("el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "por", "para",
		"con", "es", "tu", "tus", "te", "mi", "se", "al", "lo", "como", "mas", "pero", "gracias", "hola",
		"quiero", "puedo", "puedes", "tienes", "esta", "estoy", "soy", "eres", "necesito", "cuanto", "donde"),
	"en": set("the", "and", "you", "your", "to", "is", "are", "of", "for", "with", "what", "this",
		"that", "it", "i", "please", "thanks", "thank", "hello", "hi", "want", "would", "can", "do", "my",
		"need", "have", "how", "where", "we", "our", "will"),
	"pt": set("voce", "nao", "obrigado", "obrigada", "ola", "quero", "posso", "estou", "sou", "com", "uma",
		"um", "do", "dos", "das", "em", "seu", "sua", "meu", "minha", "tenho", "preciso", "agora", "muito", "isso"),
	"fr": set("le", "les", "des", "est", "et", "je", "vous", "nous", "pas", "pour", "avec", "bonjour",
		"merci", "suis", "une", "du", "au", "aux", "mon", "mes", "votre", "oui", "ce", "sur", "dans"),
	"de": set("der", "die", "das", "und", "ich", "nicht", "ist", "sie", "ein", "eine", "mit", "fur",
		"bitte", "danke", "hallo", "mein", "meine", "wir", "sind", "bin", "kein", "auf", "zu", "den", "dem"),
	"it": set("il", "gli", "della", "che", "sono", "per", "ciao", "grazie", "voglio", "sei", "questo",
		"mio", "mia", "nella", "anche", "molto", "io", "ho", "hai", "vorrei", "parlare", "perche", "ti", "mi"),
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// languageCounts counts the function words of each language in text.
func languageCounts(text string) map[string]int {
	counts := map[string]int{}
	for _, w := range strings.Fields(words(text)) {
		for lang, ws := range functionWords {
			if ws[w] {
				counts[lang]++
			}
		}
	}
	return counts
}

// language says which of the languages among a text is clearly written
// in: three function words of it and none of the others. It answers ""
// otherwise: a wrong guess would be an unfair finding.
func language(text string, among []string) string {
	counts := languageCounts(text)
	found := ""
	for _, lang := range among {
		switch n := counts[strings.ToLower(lang)]; {
		case n == 0:
		case n >= 3 && found == "":
			found = strings.ToLower(lang)
		default:
			return "" // a second language, or too few words of the first
		}
	}
	return found
}

// readable reports whether the judge can read text: it holds a function
// word of a language it knows ("¿Cuántos kWh consumes al mes?" is
// Spanish enough to see that it offers nobody). A reply in another
// language, or with no words at all ("👍"), is not readable, and what it
// means is left undecided.
func readable(text string) bool {
	return len(languageCounts(text)) > 0
}
