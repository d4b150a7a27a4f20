package engine

import (
	"regexp"
	"sort"
	"strconv"
	"time"
)

// A trip's dates as customers write them: "del 10 al 17 de agosto",
// "28 dic - 3 ene", "10/08 - 17/08", "2026-08-10 to 2026-08-17",
// "August 10-17", "from 10 to 17 August". Dates without a year fall in the
// product's catalogue year (the engine never reads the clock); a range that
// ends before it starts runs into the next year.

var months = map[string]int{
	"enero": 1, "ene": 1, "january": 1, "jan": 1,
	"febrero": 2, "feb": 2, "february": 2,
	"marzo": 3, "mar": 3, "march": 3,
	"abril": 4, "abr": 4, "april": 4, "apr": 4,
	"mayo": 5, "may": 5,
	"junio": 6, "jun": 6, "june": 6,
	"julio": 7, "jul": 7, "july": 7,
	"agosto": 8, "ago": 8, "august": 8, "aug": 8,
	"septiembre": 9, "setiembre": 9, "sep": 9, "sept": 9, "september": 9,
	"octubre": 10, "oct": 10, "october": 10,
	"noviembre": 11, "nov": 11, "november": 11,
	"diciembre": 12, "dic": 12, "december": 12, "dec": 12,
}

var (
	isoDate     = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	numericDate = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b|\b(\d{1,2})-(\d{1,2})-(\d{2,4})\b`)
	dateToken   = regexp.MustCompile(`\b\d{4}\b|\b\d{1,2}(?:st|nd|rd|th|o)?\b|[a-z]+|-`)
)

// dateItem is one piece of a date found in the text, at its position.
type dateItem struct {
	pos                   int
	day, mon, yr          int // 0: not given
	isMonth, isYr, isLink bool
}

// partial is a date being assembled, at its position in the text.
type partial struct{ d, m, y, pos int }

// rangeLinks are the words between the two ends of a range.
var rangeLinks = set(`al a hasta to until till through -`)

// parseDateRange finds the first two dates in text. ok is false when there
// are not two complete, valid dates.
func parseDateRange(text string, year int) (from, to time.Time, ok bool) {
	low := []byte(fold(text))
	var items []dateItem
	blank := func(a, b int) {
		for i := a; i < b; i++ {
			low[i] = ' '
		}
	}
	for _, m := range isoDate.FindAllSubmatchIndex(low, -1) {
		items = append(items, dateItem{pos: m[0], yr: atoi(low, m[2], m[3]), mon: atoi(low, m[4], m[5]), day: atoi(low, m[6], m[7])})
		blank(m[0], m[1])
	}
	for _, m := range numericDate.FindAllSubmatchIndex(low, -1) {
		g := 2
		if m[2] < 0 { // the dashed form, which needs a year
			g = 8
		}
		it := dateItem{pos: m[0], day: atoi(low, m[g], m[g+1]), mon: atoi(low, m[g+2], m[g+3])}
		if m[g+4] >= 0 {
			it.yr = atoi(low, m[g+4], m[g+5])
			if it.yr < 100 {
				it.yr += 2000
			}
		}
		items = append(items, it)
		blank(m[0], m[1])
	}
	for _, m := range dateToken.FindAllIndex(low, -1) {
		w := string(low[m[0]:m[1]])
		switch {
		case rangeLinks[w]:
			items = append(items, dateItem{pos: m[0], isLink: true})
		case months[w] > 0:
			items = append(items, dateItem{pos: m[0], mon: months[w], isMonth: true})
		case len(w) == 4 && leadingInt(w) >= 1000:
			if y := leadingInt(w); y >= 2000 && y <= 2100 {
				items = append(items, dateItem{pos: m[0], yr: y, isYr: true})
			}
		case w[0] >= '0' && w[0] <= '9':
			if d := leadingInt(w); d >= 1 && d <= 31 {
				items = append(items, dateItem{pos: m[0], day: d})
			}
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].pos < items[j].pos })

	var dates []partial
	var links []int
	pending, given := 0, 0 // a month seen before its days ("August 10-17"); a bare year
	for _, it := range items {
		switch {
		case it.isLink:
			links = append(links, it.pos)
		case it.isYr:
			given = it.yr
		case it.isMonth:
			attached := false
			for i := len(dates) - 1; i >= 0 && dates[i].m == 0; i-- {
				dates[i].m, attached = it.mon, true // "10 al 17 de agosto"
			}
			if attached {
				pending = 0
			} else {
				pending = it.mon
			}
		case it.mon > 0:
			dates = append(dates, partial{it.day, it.mon, it.yr, it.pos})
			pending = 0
		default:
			dates = append(dates, partial{it.day, pending, 0, it.pos})
		}
	}
	// "del 10 de agosto al 17": a day without a month takes its
	// neighbour's.
	for i := range dates {
		if dates[i].m == 0 && i > 0 {
			dates[i].m = dates[i-1].m
		}
	}
	if len(dates) < 2 {
		return from, to, false
	}
	// With more than two numbers ("2 personas del 10 al 17 de agosto"),
	// the range is the pair with "al"/"to"/"-" between them.
	first := 0
	for i := 0; i+1 < len(dates); i++ {
		if linked(links, dates[i].pos, dates[i+1].pos) {
			first = i
			break
		}
	}
	a, b := dates[first], dates[first+1]
	if a.m == 0 || b.m == 0 {
		return from, to, false
	}
	if given != 0 {
		year = given
	}
	if a.y == 0 {
		a.y = year
	}
	explicitEnd := b.y != 0
	if b.y == 0 {
		b.y = a.y
	}
	from, okA := civil(a)
	to, okB := civil(b)
	if !okA || !okB {
		return from, to, false
	}
	if to.Before(from) && !explicitEnd {
		to = to.AddDate(1, 0, 0) // "28 dic - 3 ene"
	}
	return from, to, true
}

func linked(links []int, a, b int) bool {
	for _, l := range links {
		if l > a && l < b {
			return true
		}
	}
	return false
}

// civil builds a date, refusing the 31st of June and the like.
func civil(p partial) (time.Time, bool) {
	if p.m < 1 || p.m > 12 || p.d < 1 {
		return time.Time{}, false
	}
	t := time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == p.d
}

func atoi(b []byte, i, j int) int {
	n, _ := strconv.Atoi(string(b[i:j]))
	return n
}

func leadingInt(w string) int {
	n := 0
	for i := 0; i < len(w) && w[i] >= '0' && w[i] <= '9'; i++ {
		n = n*10 + int(w[i]-'0')
	}
	return n
}

// nightsBetween counts the nights of a stay.
func nightsBetween(from, to time.Time) int { return int(to.Sub(from).Hours() / 24) }
