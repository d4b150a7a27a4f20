package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Prices: the trip model (voyachat: return flight plus hotel nights, by
// destination) and the tariff model (cambialeon: offers ranked by the monthly
// saving on the customer's consumption and contracted power). Both are pure
// functions of the session data, so a quote never changes between turns.

// derive recomputes the priced fields after the customer's data changed.
func (p *Product) derive(data map[string]string) {
	switch p.f.Pricing.Model {
	case "trip":
		nights, err := strconv.Atoi(data["nights"])
		if data["destination"] == "" || err != nil {
			return
		}
		flight, night := p.tripRates(data["destination"])
		data["amount_cents"] = strconv.Itoa((flight + nights*night) * 100)
	case "tariff":
		kwh, err1 := strconv.ParseFloat(data["consumption_kwh"], 64)
		kw, err2 := strconv.ParseFloat(data["power_kw"], 64)
		if err1 != nil || err2 != nil {
			return
		}
		ranked := p.rankOffers(kwh, kw, data["provider"])
		ids := make([]string, len(ranked))
		for i, o := range ranked {
			ids[i] = o.ID
		}
		data["offers"] = strings.Join(ids, ",")
	}
}

// tripRates prices a destination: from the product's list when it names
// it, else from a hash of its name (same destination, same price).
func (p *Product) tripRates(dest string) (flight, night int) {
	ws := " " + strings.Join(words(fold(dest)), " ") + " "
	for _, d := range p.f.Pricing.Destinations {
		for _, n := range d.Names {
			if strings.Contains(ws, " "+strings.Join(words(fold(n)), " ")+" ") {
				return d.Flight, d.Night
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(strings.TrimSpace(ws)))
	sum := h.Sum32()
	def := p.f.Pricing.Default
	steps := uint32(def.Steps)
	return def.Flight + int(sum%steps)*def.FlightStep, def.Night + int(sum/steps%steps)*def.NightStep
}

// saving is an offer's monthly saving in cents against the reference tariff.
func (p *Product) saving(o offer, kwh, kw float64) int {
	ref := p.f.Pricing.Reference
	euros := (ref.Energy-o.Energy)*kwh + (ref.Power-o.Power)*kw*30
	return int(math.Round(euros * 100))
}

// rankOffers returns the three offers that save the customer most, best
// first, leaving out the customer's current provider.
func (p *Product) rankOffers(kwh, kw float64, current string) []offer {
	cur := " " + strings.Join(words(fold(current)), " ") + " "
	var pool []offer
	for _, o := range p.f.Pricing.Offers {
		if strings.Contains(cur, " "+strings.Join(words(fold(o.Provider)), " ")+" ") {
			continue
		}
		pool = append(pool, o)
	}
	sort.SliceStable(pool, func(i, j int) bool {
		si, sj := p.saving(pool[i], kwh, kw), p.saving(pool[j], kwh, kw)
		if si != sj {
			return si > sj
		}
		return pool[i].ID < pool[j].ID
	})
	return pool[:min(3, len(pool))]
}

// shownOffers are the offers of the comparison, in the order shown.
func (p *Product) shownOffers(data map[string]string) []offer {
	var out []offer
	for _, id := range strings.Split(data["offers"], ",") {
		for _, o := range p.f.Pricing.Offers {
			if o.ID == id {
				out = append(out, o)
			}
		}
	}
	return out
}

// priceVars are the template values of the pricing model: {price},
// {nights} (trip); {offers}, {kwh}, {kw} (tariff).
func (p *Product) priceVars(data map[string]string, lang string, pick func(Text) string) map[string]string {
	v := map[string]string{}
	cur := p.f.Pricing.Currency
	switch p.f.Pricing.Model {
	case "trip":
		if c, err := strconv.Atoi(data["amount_cents"]); err == nil {
			v["price"] = formatMoney(c, cur, lang)
		}
	case "tariff":
		kwh, _ := strconv.ParseFloat(data["consumption_kwh"], 64)
		kw, _ := strconv.ParseFloat(data["power_kw"], 64)
		v["kwh"] = formatDecimal(kwh, -1, lang)
		v["kw"] = formatDecimal(kw, -1, lang)
		var lines []string
		for i, o := range p.shownOffers(data) {
			lines = append(lines, fillFrom(pick(p.f.Texts["offer_line"]), map[string]string{
				"n":        strconv.Itoa(i + 1),
				"provider": o.Provider,
				"name":     o.Name,
				"energy":   formatDecimal(o.Energy, 3, lang),
				"power":    formatDecimal(o.Power, 3, lang),
				"saving":   formatMoney(p.saving(o, kwh, kw), cur, lang),
			}))
		}
		v["offers"] = strings.Join(lines, "\n")
	}
	return v
}

// checkout creates the Stripe checkout link for the quoted trip. The
// session id is derived from the booking, so the same booking always gets
// the same link.
func (t *turn) checkout() {
	d := t.s.Data
	key := strings.Join([]string{t.s.Phone, d["name"], d["destination"], d["date_from"], d["date_to"], d["amount_cents"]}, "\x00")
	sum := sha256.Sum256([]byte(key))
	id := "cs_test_" + hex.EncodeToString(sum[:])[:24]
	url := t.p.f.Pricing.CheckoutURL + id
	d["checkout_id"], d["checkout_url"] = id, url
	t.events = append(t.events, Event{Kind: EventCheckoutStart, Fields: map[string]string{
		"checkout_id":  id,
		"url":          url,
		"amount_cents": d["amount_cents"],
		"currency":     t.p.f.Pricing.Currency,
	}})
}

// formatMoney writes cents the way each language does: "1.234,50 €",
// "€1,234.50".
func formatMoney(cents int, currency, lang string) string {
	sym := map[string]string{"eur": "€", "usd": "$", "gbp": "£"}[strings.ToLower(currency)]
	if sym == "" {
		sym = strings.ToUpper(currency)
	}
	neg := ""
	if cents < 0 {
		neg, cents = "-", -cents
	}
	whole, frac := groupThousands(cents/100, lang), cents%100
	if lang == "es" {
		return neg + whole + "," + twoDigits(frac) + " " + sym
	}
	return neg + sym + whole + "." + twoDigits(frac)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func groupThousands(n int, lang string) string {
	s := strconv.Itoa(n)
	sep := ","
	if lang == "es" {
		sep = "."
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// formatDecimal writes f with the language's decimal mark and the given
// decimals (-1: as many as needed).
func formatDecimal(f float64, decimals int, lang string) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if lang == "es" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
