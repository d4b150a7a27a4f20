package judge

import (
	"strings"
	"unicode"
)

// negationWindow is how many words before a match a negation may stand and
// still govern it: "no puedo pasarte con una persona" (four words back) is
// a refusal, while in "no dudes en escribirnos y pedir hablar con una
// persona" the "no" is eight words back and belongs to another verb.
const negationWindow = 6

// negations are the words that deny what follows them, in the languages
// the judge knows (folded: no accents). "personne" is left out: in French
// it is also the noun "person".
var negations = set(
	"no", "not", "never", "nunca", "jamas", "ni", "tampoco", "ningun", "ninguna", "ninguno", "nadie",
	"nobody", "nothing", "nao", "nem", "nenhum", "nenhuma", "ninguem", "ne", "pas", "jamais", "aucun", "aucune",
	"non", "nessuno", "nessuna", "mai", "nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals", "niemand")

// clauseStarts are words that open a new clause: a negation before them
// governs another verb ("no sabías que soy un bot", "no, but I am a person").
var clauseStarts = set(
	"pero", "sino", "aunque", "que", "but", "however", "though", "that", "porem", "mais", "ma", "aber", "sondern", "dass", "che")

// negated reports whether the match text[start:end] is denied by a negation
// shortly before it in the same clause: "no soy una persona" and "I'm not
// really a human" are honest answers, not the claims "soy una persona" and
// "a human". Punctuation ends a clause: in "No, soy una persona" the "no"
// answers the question and the claim stands; so does a word that opens a
// clause ("no, pero soy una persona").
func negated(text string, start, end int) bool {
	for _, r := range text[start:end] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		if isClauseBreak(r) {
			return false // the match opens a new clause
		}
	}
	clause := text[:start]
	if i := strings.LastIndexFunc(clause, isClauseBreak); i >= 0 {
		clause = clause[i+1:]
	}
	ws := strings.FieldsFunc(fold(strings.ReplaceAll(clause, "’", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-negationWindow; k-- {
		w := ws[k]
		if clauseStarts[w] {
			return false
		}
		if negations[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}

// isClauseBreak: punctuation that ends a clause (not the apostrophe of
// "I'm" nor the hyphen of "e-mail").
func isClauseBreak(r rune) bool {
	switch r {
	case '\'', '’', '-':
		return false
	case '\n', '—', '–':
		return true
	}
	return unicode.IsPunct(r)
}
