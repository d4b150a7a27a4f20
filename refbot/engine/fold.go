package engine

import (
	"strings"
	"unicode"
)

// Customers write in ALL CAPS, without accents, with homoglyphs pasted from
// who knows where and with zero-width characters in between. fold reduces all
// of that to plain lowercase ASCII-ish text before anything is matched.

var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'º': "", 'ª': "", '’': "'", '‘': "'", '´': "'", '`': "'",
	'–': "-", '—': "-", '“': "\"", '”': "\"", '«': "\"", '»': "\"",
	// Cyrillic and Greek letters that look Latin (homoglyph tricks).
	'а': "a", 'е': "e", 'о': "o", 'р': "p", 'с': "c", 'у': "y", 'х': "x",
	'і': "i", 'ј': "j", 'ѕ': "s", 'ԁ': "d", 'һ': "h", 'ӏ': "l", 'к': "k",
	'м': "m", 'т': "t", 'в': "b", 'н': "h",
	'α': "a", 'ε': "e", 'ι': "i", 'κ': "k", 'ν': "v", 'ο': "o", 'ρ': "p",
	'τ': "t", 'υ': "u",
}

// invisible reports characters that change nothing a person reads: zero-width
// spaces and joiners, direction overrides, soft hyphens, BOMs.
func invisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2069, r == 0xFEFF, r == 0x00AD:
		return true
	}
	return false
}

// fold lowercases s, strips accents, maps fullwidth and homoglyph letters to
// Latin ones and drops invisible characters. Punctuation is kept.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if invisible(r) {
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E { // fullwidth ASCII
			r -= 0xFEE0
		}
		r = unicode.ToLower(r)
		if rep, ok := foldRunes[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// words splits folded text into runs of ASCII letters and digits.
func words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// collapse squeezes repeated letters: "ayudaaaa" → "ayuda", "hooola" → "hola".
func collapse(w string) string {
	if len(w) < 2 {
		return w
	}
	b := []byte{w[0]}
	for i := 1; i < len(w); i++ {
		if w[i] != w[i-1] {
			b = append(b, w[i])
		}
	}
	return string(b)
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// sound is a Spanish-flavoured phonetic key: letters customers confuse when
// they write as they speak ("kiero" for "quiero", "ablar" for "hablar",
// "vaja" for "baja") get the same key. Short words are left alone: their
// keys would collide too often.
var (
	soundIn  = strings.NewReplacer("qu", "k", "ch", "\x01", "sh", "\x02", "ph", "f")
	soundOut = strings.NewReplacer("\x01", "ch", "\x02", "sh")
)

func sound(w string) string {
	if len(w) < 4 {
		return w
	}
	w = soundIn.Replace(collapse(w))
	w = strings.ReplaceAll(w, "h", "")
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch c {
		case 'c':
			if next == 'e' || next == 'i' {
				c = 's'
			} else {
				c = 'k'
			}
		case 'q':
			c = 'k'
		case 'z':
			c = 's'
		case 'v':
			c = 'b'
		case 'y':
			if !isVowel(next) {
				c = 'i'
			}
		}
		b = append(b, c)
	}
	return collapse(soundOut.Replace(string(b)))
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions, adjacent transpositions), reporting 3 for
// anything above 2. Keyword words are short: rows live on the stack, and a
// word longer than maxEditWord is only ever equal or far.
func editDistance(a, b string) int {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return 3
	}
	if len(b) >= maxEditWord {
		if a == b {
			return 0
		}
		return 3
	}
	var rows [3][maxEditWord]int
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], 3)
}

const maxEditWord = 24

var keyboardRows = []string{"qwertyuiop", "asdfghjkln", "zxcvbnm"}

// gibberishWord reports keyboard mashing: a run of four keys of one row
// ("asdf", "poiu"), a long word without vowels ("hmmmm", "xkcdq"), or one
// or two letters repeated ("jajajaja", "aaaa").
func gibberishWord(w string) bool {
	letters := 0
	vowels := 0
	distinct := map[rune]bool{}
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			letters++
			distinct[r] = true
			if strings.ContainsRune("aeiouy", r) {
				vowels++
			}
		}
	}
	if letters < 4 {
		return false
	}
	if vowels == 0 || len(distinct) <= 2 {
		return true
	}
	for _, row := range keyboardRows {
		rev := reverse(row)
		for i := 0; i+4 <= len(w); i++ {
			q := w[i : i+4]
			if strings.Contains(row, q) || strings.Contains(rev, q) {
				return true
			}
		}
	}
	return false
}

func reverse(s string) string {
	b := []byte(s)
	n := len(b)
	for i := 0; i < n/2; i++ {
		b[i], b[n-1-i] = b[n-1-i], b[i]
	}
	return string(b)
}

// meaningless reports a message with no word a person could have meant:
// empty, emoji or punctuation only, or keyboard mashing.
func meaningless(ws []string) bool {
	for _, w := range ws {
		hasLetter := strings.IndexFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0
		if hasLetter && len(w) >= 2 && !gibberishWord(w) {
			return false
		}
	}
	return true
}
