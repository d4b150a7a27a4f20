package writer

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"unicode"
)

// message is a customer message before styling: the persona's own words
// around what the bot must hear. Typos and ellipses touch only the persona's
// words, so the bot still recognises the utterance; case and accents apply to
// the whole message, as a person's keyboard habits do.
type message struct {
	before, core, after string
	flavour             bool // an opening or a category line, not a data answer
}

func (m message) String() string { return m.before + m.core + m.after }

// wrap splits template at {u} around core.
func wrap(template, core string, flavour bool) message {
	before, after, _ := strings.Cut(template, "{u}")
	return message{before: before, core: core, after: after, flavour: flavour}
}

var emojis = []string{" 🙏", " 😅", " 👍", " 🙂", " 😬", " 🤔", " 😤", " 🙄"}

// style applies the persona's transforms.
func style(m message, transforms []string, first string, rng *rand.Rand) string {
	for _, t := range transforms {
		switch t {
		case "typos":
			m.before, m.after = typos(m.before, rng), typos(m.after, rng)
		case "ellipsis":
			m.before, m.after = ellipses(m.before), ellipses(m.after)
		case "emoji":
			if m.flavour && rng.IntN(3) == 0 {
				m.after += emojis[rng.IntN(len(emojis))]
			}
		case "sign":
			if m.flavour {
				m.after += " " + first
			}
		}
	}
	if startsSentence(m.before) {
		m.core = capitalise(m.core)
	}
	s := m.String()
	for _, t := range transforms {
		switch t {
		case "caps":
			s = strings.ToUpper(s)
		case "lower":
			s = strings.ToLower(s)
		case "noaccents":
			s = stripAccents(s)
		}
	}
	return strings.TrimSpace(s)
}

var manyDots = regexp.MustCompile(`\.{4,}`)

// ellipses turns pauses into the dots of someone typing as they speak.
func ellipses(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ". ", "... "), ", ", "... ")
	return manyDots.ReplaceAllString(s, "...")
}

// startsSentence says whether text placed after before begins a sentence.
func startsSentence(before string) bool {
	b := strings.TrimRight(before, " ")
	return b == "" || strings.HasSuffix(b, ".") && !strings.HasSuffix(b, "...") || strings.HasSuffix(b, "?") || strings.HasSuffix(b, "!")
}

func capitalise(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + strings.ToUpper(string(r)) + s[i+len(string(r)):]
		}
		if r != '¿' && r != '¡' {
			return s
		}
	}
	return s
}

// typos swaps two inner letters of some longer words, the way a thumb does.
func typos(s string, rng *rand.Rand) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		r := []rune(w)
		if len(r) < 5 || !allLetters(r) || rng.IntN(4) != 0 {
			continue
		}
		j := 1 + rng.IntN(len(r)-3)
		r[j], r[j+1] = r[j+1], r[j]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func allLetters(r []rune) bool {
	for _, c := range r {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// accents maps the accented letters of the library's languages to plain
// ones; ñ stays, as Spanish keyboards type it even when their owners skip
// accents.
var accents = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "à", "a", "è", "e", "ì", "i", "ò", "o", "ù", "u",
	"â", "a", "ê", "e", "î", "i", "ô", "o", "û", "u", "ä", "a", "ë", "e", "ï", "i", "ö", "o", "ç", "c", "ã", "a", "õ", "o",
	"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ü", "U", "À", "A", "È", "E", "Ì", "I", "Ò", "O", "Ù", "U",
	"Â", "A", "Ê", "E", "Î", "I", "Ô", "O", "Û", "U", "Ä", "A", "Ë", "E", "Ï", "I", "Ö", "O", "Ç", "C", "Ã", "A", "Õ", "O",
	"¿", "", "¡", "",
)

func stripAccents(s string) string { return accents.Replace(s) }
