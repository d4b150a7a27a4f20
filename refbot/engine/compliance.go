package engine

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// What the law and the business require the bot to say or keep quiet:
// the consent block, the privacy notice, the GDPR access answer, and the
// gate on naming providers and the commission model.

// consentText is the consent block the customer answers: purpose,
// retention, transfers, rights, how to withdraw.
func (t *turn) consentText() string {
	c := t.p.f.Consent
	parts := []Text{c.Purpose, c.Retention, c.Transfers, c.Rights, c.Withdraw}
	if t.d.On("gdpr-retention-missing") {
		// Seeded bug: assembled from the pre-audit template, which had no
		// retention clause.
		parts = []Text{c.Purpose, c.Transfers, c.Rights, c.Withdraw}
	}
	return t.join(parts)
}

// privacyNotice says who keeps the data, how long, where it goes and
// which rights the customer has.
func (t *turn) privacyNotice() string {
	c := t.p.f.Consent
	parts := []Text{t.p.f.Texts["privacy_intro"], c.Retention, c.Transfers, c.Rights}
	if t.d.On("gdpr-retention-missing") {
		parts = []Text{t.p.f.Texts["privacy_intro"], c.Transfers, c.Rights}
	}
	return t.join(parts)
}

func (t *turn) join(parts []Text) string {
	base := map[string]string{"bot_name": t.p.f.BotName, "product": t.p.f.DisplayName}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		out = append(out, strings.TrimSpace(fillFrom(t.pick(p), base)))
	}
	return strings.Join(out, " ")
}

// mayDisclose says whether provider names ("providers") or the commission
// model ("commission") may be told in the session's phase: from the
// product's disclose_from phase on, but not in "closed" (the last phase),
// which a customer can reach without ever seeing a comparison.
func (t *turn) mayDisclose(what string) bool {
	if what == "providers" && t.d.On("provider-leak") || what == "commission" && t.d.On("commission-leak") {
		// Seeded bugs: the phase check was left out when the line was
		// added to the data-collection prompts and the probe answer.
		return true
	}
	at := t.p.phaseAt[t.s.Phase]
	return at >= t.p.phaseAt[t.p.f.DiscloseFrom] && at < len(t.p.f.Phases)-1
}

// access answers a GDPR access request with the data held, masked.
func (t *turn) access() {
	t.events = append(t.events, Event{Kind: EventGDPRAccess})
	var lines []string
	for _, f := range t.p.f.Fields {
		v := t.s.Data[f.Name]
		if v == "" {
			continue
		}
		switch f.Mask {
		case "hidden":
			v = t.text("on_file")
		case "partial":
			v = maskWords(v)
		}
		lines = append(lines, "• "+t.pick(f.Label)+": "+v)
	}
	if len(lines) == 0 {
		t.sayStay(t.text("access_empty"))
		return
	}
	t.extra["data"] = strings.Join(lines, "\n")
	t.sayStay(t.text("access"))
}

// maskWords keeps the first letter of each word: "Juan Pérez" → "J*** P***".
func maskWords(v string) string {
	ws := strings.Fields(v)
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		ws[i] = string(r) + "***"
	}
	return strings.Join(ws, " ")
}

var (
	referenceID   = regexp.MustCompile(`(?i)\bR-([0-9a-f]{8})\b`)
	referenceWord = regexp.MustCompile(`(?i)\b(referencia|reference|localizador|c[oó]digo de reserva)\b[\s:#]*(?:(?:es|is|number|n[º°o.]*|de (?:la )?reserva|of my booking)\b[\s:#]*)*`)
)

// lookup asks the server to find a receipt by the reference the customer
// quoted.
func (t *turn) lookup(u utterance) {
	ref := extractReference(u.raw)
	if ref == "" {
		t.sayStay(t.text("lookup_missing"))
		return
	}
	t.events = append(t.events, Event{Kind: EventLookup, Reference: ref})
	t.extra["reference"] = ref
	t.sayStay(t.text("lookup"))
}

// extractReference returns the reference in a message: the words after
// "referencia"/"reference", or from an R-xxxxxxxx id on. A clean id is
// normalised ("R-1a2b3c4d"); anything odd (quotes, semicolons, comment
// marks) is kept whole, so the server's parameterised lookup sees exactly
// what the customer sent.
func extractReference(raw string) string {
	rest := ""
	if loc := referenceWord.FindStringIndex(raw); loc != nil {
		rest = raw[loc[1]:]
	} else if loc := referenceID.FindStringIndex(raw); loc != nil {
		rest = raw[loc[0]:]
	}
	rest = strings.TrimRight(strings.TrimSpace(rest), " .!?¿¡")
	if rest == "" {
		return ""
	}
	if strings.ContainsAny(rest, "'\";=()\\") || strings.Contains(rest, "--") || strings.Contains(rest, "/*") {
		return rest
	}
	if m := referenceID.FindStringSubmatch(rest); m != nil {
		return "R-" + strings.ToLower(m[1])
	}
	return strings.Fields(rest)[0]
}
