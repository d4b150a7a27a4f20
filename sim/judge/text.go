package judge

import (
	"regexp"
	"strings"
	"unicode"
)

// quoteWidth is how many characters of context an evidence quote keeps:
// enough to read the sentence, short enough for a table cell.
const quoteWidth = 160

var spaces = regexp.MustCompile(`\s+`)

// quote returns about quoteWidth characters of text around the byte range
// [start, end), on one line, with an ellipsis where it was cut.
func quote(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		start, end = 0, 0
	}
	before := []rune(text[:start])
	match := []rune(text[start:end])
	after := []rune(text[end:])
	room := quoteWidth - len(match)
	if room < 0 {
		room = 0
	}
	// Give the match equal context on both sides, and any context one side
	// cannot use to the other.
	left, right := room/2, room-room/2
	if len(before) < left {
		right += left - len(before)
		left = len(before)
	}
	if len(after) < right {
		left += right - len(after)
		right = len(after)
	}
	if left > len(before) {
		left = len(before)
	}
	var b strings.Builder
	if left < len(before) {
		b.WriteString("…")
	}
	b.WriteString(string(before[len(before)-left:]))
	b.WriteString(string(match))
	b.WriteString(string(after[:right]))
	if right < len(after) {
		b.WriteString("…")
	}
	return strings.TrimSpace(spaces.ReplaceAllString(b.String(), " "))
}

// head quotes the beginning of a text, for findings about a whole reply.
func head(text string, width int) string {
	r := []rune(strings.TrimSpace(spaces.ReplaceAllString(text, " ")))
	if len(r) <= width {
		return string(r)
	}
	return string(r[:width-1]) + "…"
}

// exchange quotes a customer message and the bot's answer to it, for
// findings about something the answer lacks.
func exchange(customer string, replies []string) string {
	answer := "(no reply)"
	if len(replies) > 0 {
		answer = `"` + head(strings.Join(replies, " / "), quoteWidth-60) + `"`
	}
	return `customer: "` + head(customer, 60) + `" → bot: ` + answer
}

var accentFolder = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ñ", "n", "ç", "c",
)

// fold lowercases and strips accents, so that "ERES UNA MÁQUINA" and
// "eres una maquina" read the same to customer-side patterns.
func fold(s string) string {
	return accentFolder.Replace(strings.ToLower(s))
}

// words reduces a text to its folded words separated by single spaces, with
// a space at each end, so that containment is whole-word containment.
func words(s string) string {
	f := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, fold(s))
	return " " + strings.Join(strings.Fields(f), " ") + " "
}

// sameText says whether two replies are the same message, ignoring case,
// accents, punctuation and spacing (a loop rarely differs only in a comma).
func sameText(a, b string) bool {
	wa := words(a)
	return wa != "  " && wa == words(b)
}
