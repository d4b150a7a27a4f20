package langguess

import (
	"strings"
	"unicode"
)

// stopwords are frequent function words of each language. Words both
// languages write alike ("a", "no", "me", "he", "son") are left out, so a
// hit is evidence for one language only.
var stopwords = map[string]map[string]bool{
	"es": set(`de la que el en y los se del las un por con una su para es al lo como más
		pero sus le ya o este sí porque esta entre cuando muy sin sobre también hasta hay donde
		desde todo nos todos les ni otros ese eso ante esto antes unos yo otro otra él tanto esa
		estos mucho nada cual poco ella estar estas algo mi mis tú te ti tu tus os puedes quieres
		escribe escríbeme gracias hola datos cuál qué cómo dónde cuántos aquí ahora tienes vale
		hecho claro perfecto estoy está están soy eres somos vamos tiene mensajes empezamos`),
	"en": set(`the and you your to of in is it for on with this that we are be can will my our
		if or at by from have has not what which do an please write thank thanks would like want
		hello hi here there they them their its was were been being i i'm you're don't won't
		can't let's how when where who why all any more some just so than then these those
		about into out up down yes data help keep am does did should could now sure`),
}

func set(words string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

// Languages are the languages Guess can tell apart.
var Languages = []string{"es", "en"}

// Knows reports whether Guess can tell lang.
func Knows(lang string) bool { return stopwords[lang] != nil }

// Guess returns the language text is written in ("es" or "en"), or
// "" when it cannot tell: fewer than two stopwords of the likelier language,
// or not at least twice as many as of the other.
func Guess(text string) string {
	counts := Scores(text)
	best, second := "", ""
	for _, lang := range Languages {
		switch {
		case best == "" || counts[lang] > counts[best]:
			best, second = lang, best
		case second == "" || counts[lang] > counts[second]:
			second = lang
		}
	}
	if counts[best] < 2 || counts[best] < 2*counts[second] {
		return ""
	}
	return best
}

// Scores counts the stopwords of each language in text (evidence
// for a failure message).
func Scores(text string) map[string]int {
	counts := map[string]int{}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	for _, w := range words {
		w = strings.Trim(w, "'")
		for lang, sw := range stopwords {
			if sw[w] {
				counts[lang]++
			}
		}
	}
	return counts
}
