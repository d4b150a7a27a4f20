package engine

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Validators of free-text states. Each returns the fields to store, or
// false: the answer is not what the state asked for and the customer is
// asked again. Values are stored as the customer wrote them (trimmed):
// escaping is the job of whoever renders them.

func (t *turn) validate(sl *slotSpec, u utterance, id string) (map[string]string, bool) {
	raw := strings.TrimSpace(u.raw)
	field := func(v string) map[string]string {
		if sl.Field == "" {
			return map[string]string{}
		}
		return map[string]string{sl.Field: v}
	}
	if sl.Field != "" && isQuestion(raw) {
		// "¿Trabajáis con Iberdrola?" in a free-text state is a question,
		// not the answer.
		return nil, false
	}
	switch sl.Validator {
	case "any":
		return field(raw), !meaningless(wordsOf(u))
	case "place":
		v := stripLead(raw, placeLead)
		return field(v), plausibleText(v, 2, 100)
	case "name":
		v := stripLead(raw, nameLead)
		return field(v), plausibleText(v, 2, 120) && countDigits(v) <= 4
	case "address":
		v := stripLead(raw, addressLead)
		return field(v), plausibleText(v, 4, 200)
	case "dates":
		return t.validDates(sl, raw)
	case "number":
		n, _, ok := parseQuantity(u.low, true)
		if !ok || n < sl.Min || n > sl.Max {
			return nil, false
		}
		return field(strconv.FormatFloat(n, 'f', -1, 64)), true
	case "power":
		return t.validPower(sl, u)
	case "dni":
		v, ok := findDNI(raw)
		return field(v), ok
	case "iban":
		v, ok := findIBAN(raw)
		return field(v), ok
	case "offer":
		return t.validOffer(sl, u, id)
	}
	return nil, false
}

func (t *turn) validDates(sl *slotSpec, raw string) (map[string]string, bool) {
	if utf8.RuneCountInString(raw) > 200 {
		return nil, false
	}
	from, to, ok := parseDateRange(raw, t.p.f.Pricing.Year)
	if !ok {
		return nil, false
	}
	nights := nightsBetween(from, to)
	forward := nights >= 1
	if t.d.On("dead-end-state") {
		// Seeded bug: the range check was written the wrong way round, so
		// every real trip (end after start) is refused as "end before start".
		forward = nights < 1
	}
	if !forward || nights > t.p.f.Pricing.MaxNights {
		return nil, false
	}
	return map[string]string{
		sl.Field:    raw,
		"date_from": from.Format("2006-01-02"),
		"date_to":   to.Format("2006-01-02"),
		"nights":    strconv.Itoa(nights),
	}, true
}

func (t *turn) validPower(sl *slotSpec, u utterance) (map[string]string, bool) {
	n, unit, ok := parseQuantity(u.low, false)
	if !ok {
		return nil, false
	}
	kw := n
	if unit == "w" || unit == "" && n >= 100 { // "4600 W", "3450"
		kw = n / 1000
	}
	checked := kw
	if t.d.On("dead-end-state") {
		// Seeded bug: the bounds (kW) are compared against the value in
		// watts, so no real contracted power is ever accepted.
		checked = kw * 1000
	}
	if checked < sl.Min || checked > sl.Max {
		return nil, false
	}
	return map[string]string{sl.Field: strconv.FormatFloat(kw, 'f', -1, 64)}, true
}

var ordinals = map[string]int{
	"1": 1, "primera": 1, "primero": 1, "first": 1,
	"2": 2, "dos": 2, "segunda": 2, "segundo": 2, "second": 2, "two": 2,
	"3": 3, "tres": 3, "tercera": 3, "tercero": 3, "third": 3, "three": 3,
}

// weakOrdinals count only when nothing else names an offer: "one" is also
// "the second one".
var weakOrdinals = map[string]int{"uno": 1, "una": 1, "one": 1}

// validOffer reads which offer of the comparison the customer chose: a
// list reply id ("offer_2"), a number or ordinal, or the offer's or the
// provider's name. Two different choices in one message are no choice.
func (t *turn) validOffer(sl *slotSpec, u utterance, id string) (map[string]string, bool) {
	shown := t.p.shownOffers(t.s.Data)
	pick := 0
	if n, ok := strings.CutPrefix(id, "offer_"); ok {
		pick, _ = strconv.Atoi(n)
	}
	if pick == 0 {
		low := " " + strings.Join(wordsOf(u), " ") + " "
		for i, o := range shown {
			for _, name := range []string{o.Name, o.Provider} {
				if strings.Contains(low, " "+strings.Join(words(fold(name)), " ")+" ") {
					if pick != 0 && pick != i+1 {
						return nil, false
					}
					pick = i + 1
				}
			}
		}
	}
	for _, table := range []map[string]int{ordinals, weakOrdinals} {
		if pick == 0 {
			pick = ordinalIn(wordsOf(u), table)
		}
	}
	if pick == 0 && (strings.Contains(u.low, "barat") || strings.Contains(u.low, "cheapest")) {
		pick = 1 // offers are shown best saving first
	}
	if pick < 1 || pick > len(shown) {
		return nil, false
	}
	o := shown[pick-1]
	return map[string]string{sl.Field: o.Provider + " · " + o.Name, "offer_id": o.ID}, true
}

// ordinalIn finds the one choice a table names in ws; -1 if it names two.
func ordinalIn(ws []string, table map[string]int) int {
	pick := 0
	for _, w := range ws {
		if n := table[w]; n != 0 {
			if pick != 0 && pick != n {
				return -1
			}
			pick = n
		}
	}
	return pick
}

func isQuestion(raw string) bool {
	return strings.HasPrefix(raw, "¿") || strings.HasSuffix(raw, "?")
}

// Lead-ins customers put before the answer ("me llamo ...").
var (
	nameLead    = regexp.MustCompile(`(?i)^(hola[,.!\s]+)?(me llamo|mi nombre es|mi nombre:?|soy|nombre:?|my name is|my name's|i am|i'm|name:?)\s+`)
	placeLead   = regexp.MustCompile(`(?i)^(quiero (ir|viajar) a|me gustar[ií]a (ir|viajar) a|queremos (ir|viajar) a|voy a|a|al|hacia|destino:?|i want to go to|i'd like to go to|we want to go to|to|destination:?)\s+`)
	addressLead = regexp.MustCompile(`(?i)^(mi direcci[oó]n es|la direcci[oó]n es|direcci[oó]n:?|vivo en|my address is|address:?|i live (at|in))\s+`)
)

func stripLead(raw string, lead *regexp.Regexp) string {
	if loc := lead.FindStringIndex(raw); loc != nil && loc[1] < len(raw) {
		return strings.TrimSpace(raw[loc[1]:])
	}
	return raw
}

// plausibleText: enough letters, not too long, not keyboard mashing.
func plausibleText(v string, minLetters, maxRunes int) bool {
	if utf8.RuneCountInString(v) > maxRunes {
		return false
	}
	letters := 0
	for _, r := range v {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= minLetters && !meaningless(words(fold(v)))
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

var quantity = regexp.MustCompile(`(\d+(?:[.,]\d+)*)\s*(kwh|kw|kilovatios?|kilowatios?|kilowatts?|w|vatios?|watios?|watts?)?\b`)

// parseQuantity reads the first number of a message and its unit ("kwh",
// "kw", "w" or ""). With thousands, "1.250" is 1250; without, 1.25.
func parseQuantity(low string, thousands bool) (float64, string, bool) {
	m := quantity.FindStringSubmatch(low)
	if m == nil {
		return 0, "", false
	}
	unit := m[2]
	switch {
	case strings.HasPrefix(unit, "kwh"):
		unit = "kwh"
	case strings.HasPrefix(unit, "kw") || strings.HasPrefix(unit, "kilo"):
		unit = "kw"
	case unit != "":
		unit = "w"
		thousands = true
	}
	n, ok := parseNumber(m[1], thousands)
	return n, unit, ok
}

func parseNumber(s string, thousands bool) (float64, bool) {
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case lastDot >= 0 && lastComma >= 0: // "1.250,5" or "1,250.5"
		dec := max(lastDot, lastComma)
		intPart := strings.NewReplacer(".", "", ",", "").Replace(s[:dec])
		s = intPart + "." + s[dec+1:]
	case lastDot >= 0 || lastComma >= 0:
		sep := "."
		if lastComma >= 0 {
			sep = ","
		}
		groups := strings.Split(s, sep)
		allThree := len(groups) > 1
		for _, g := range groups[1:] {
			allThree = allThree && len(g) == 3
		}
		switch {
		case thousands && allThree:
			s = strings.Join(groups, "")
		case len(groups) == 2:
			s = groups[0] + "." + groups[1]
		default:
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

var (
	dniPattern = regexp.MustCompile(`(?i)\b([xyz]?)[\s.-]?(\d{7,8})[\s-]?([a-z])\b`)
	dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"
)

// findDNI finds a Spanish DNI or NIE with a correct check letter and
// returns it normalised ("12345678Z", "X1234567L").
func findDNI(raw string) (string, bool) {
	for _, m := range dniPattern.FindAllStringSubmatch(fold(raw), -1) {
		prefix, digits, letter := strings.ToUpper(m[1]), m[2], strings.ToUpper(m[3])
		num := digits
		switch {
		case prefix == "" && len(digits) == 8:
		case prefix != "" && len(digits) == 7:
			num = strconv.Itoa(strings.Index("XYZ", prefix)) + digits
		default:
			continue
		}
		n, _ := strconv.Atoi(num)
		if string(dniLetters[n%23]) == letter {
			return prefix + digits + letter, true
		}
	}
	return "", false
}

var ibanPattern = regexp.MustCompile(`(?i)\b[a-z]{2}\d{2}(?:[ -]?[a-z0-9]){11,32}`)

// findIBAN finds an IBAN whose check digits are right (ISO 13616 mod 97)
// and returns it compact and upper case.
func findIBAN(raw string) (string, bool) {
	for _, m := range ibanPattern.FindAllString(fold(raw), -1) {
		compact := strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(m))
		// The match may run into the next word: try the country's length,
		// or every length from the longest when the country is not listed.
		lengths := []int{ibanLengths[compact[:2]]}
		if lengths[0] == 0 {
			lengths = nil
			for l := len(compact); l >= 15; l-- {
				lengths = append(lengths, l)
			}
		}
		for _, l := range lengths {
			if l <= len(compact) && ibanValid(compact[:l]) {
				return compact[:l], true
			}
		}
	}
	return "", false
}

// ibanLengths are the IBAN lengths of the countries customers are likely to
// bank in (SEPA).
var ibanLengths = map[string]int{
	"ES": 24, "PT": 25, "FR": 27, "DE": 22, "IT": 27, "GB": 22, "IE": 22,
	"NL": 18, "BE": 16, "LU": 20, "AT": 20, "CH": 21, "AD": 24, "MC": 27,
	"PL": 28, "RO": 24, "SE": 24, "DK": 18, "FI": 18, "NO": 15, "GR": 27,
}

func ibanValid(iban string) bool {
	var digits strings.Builder
	for _, r := range iban[4:] + iban[:4] {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			digits.WriteString(strconv.Itoa(int(r-'A') + 10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}
