package refbot

import (
	"regexp"
	"strings"
)

// Personal data that must never be stored in the clear. The patterns are
// deliberately generous (no checksum validation): masking a number that
// only looks like an IBAN costs nothing, storing a real one costs a fine.
var (
	// IBAN: country, check digits, then the BBAN in groups of four as people
	// type it ("ES91 2100 0418 4502 0005 1332") or run together; a short
	// last group is digits only, so a following word is not swallowed.
	ibanPattern = regexp.MustCompile(`(?i)\b[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[0-9]{1,3})?\b`)
	// Card: 13 to 19 digits, optionally grouped by spaces, dots or dashes,
	// even across lines ("4000 0566\n5566 5556": typed in two messages' worth).
	cardPattern = regexp.MustCompile(`\b[0-9](?:[ .\t\r\n-]{0,2}[0-9]){12,18}\b`)
	// DNI: 8 digits and the check letter; NIE: X/Y/Z, 7 digits, letter. The
	// digits may come grouped as people write them: 45.127.893-F, 70 984 512 A.
	dniPattern = regexp.MustCompile(`(?i)\b(?:[0-9]{2}[ .]?[0-9]{3}[ .]?[0-9]{3}|[XYZ][ .-]?[0-9](?:[ .]?[0-9]{3}){2}|[XYZ][ .-]?[0-9]{7})[ .-]?[A-Z]\b`)
)

// maskPII masks DNI/NIE (all but the last three digits and the letter:
// *****678Z), IBANs (all but the country and the last four: ES** **** ...
// 1332) and card numbers (all but the last four) in free text. Separators
// are kept so the masked text still reads like what the customer typed.
func maskPII(text string) string {
	// Every pattern needs at least 7 digits (NIE); most chat lines and bot
	// replies have fewer, and skipping the regexps for them is most of the
	// masking cost on the webhook path.
	if countDigits(text) < 7 {
		return text
	}
	text = ibanPattern.ReplaceAllStringFunc(text, func(iban string) string {
		if countDigits(iban) < 8 { // letters-heavy words that only look like an IBAN
			return iban
		}
		return maskAlnum(iban, 2, 4)
	})
	text = cardPattern.ReplaceAllStringFunc(text, func(card string) string {
		return maskAlnum(card, 0, 4)
	})
	return dniPattern.ReplaceAllStringFunc(text, func(id string) string {
		return maskAlnum(id, 0, 4)
	})
}

// maskAlnum replaces every letter and digit of s with '*' except the first
// keepFirst and the last keepLast of them; separators stay.
func maskAlnum(s string, keepFirst, keepLast int) string {
	total := 0
	for _, r := range s {
		if isAlnum(r) {
			total++
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	seen := 0
	for _, r := range s {
		if !isAlnum(r) {
			b.WriteRune(r)
			continue
		}
		seen++
		if seen <= keepFirst || seen > total-keepLast {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// mask is maskPII unless the pii-plaintext seeded defect is on: then the
// masking step is skipped, as when a bot's "store raw for debugging" switch
// is left on in production.
func (s *Server) mask(text string) string {
	if s.cfg.Defects.On("pii-plaintext") {
		return text
	}
	return maskPII(text)
}

// maskFields masks every value of a customer data map.
func (s *Server) maskFields(fields map[string]string) map[string]string {
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = s.mask(cleanText(v))
	}
	return out
}
