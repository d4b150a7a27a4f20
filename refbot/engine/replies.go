package engine

import (
	"regexp"
	"strings"
)

// Replies: choosing the language, filling the templates, and never saying
// the same thing three times in a row to a confused customer.

// replyLanguage is the language replies are written in.
func (t *turn) replyLanguage() string {
	if t.d.On("wrong-language") && t.s.Language != "en" && t.p.speaks("en") {
		// Seeded bug: the template lookup keys on the WhatsApp client
		// locale ("en_US") instead of the customer's language.
		return "en"
	}
	return t.s.Language
}

// pick returns the text in the reply language, or the default language's.
func (t *turn) pick(x Text) string {
	if s, ok := x[t.replyLanguage()]; ok && s != "" {
		return s
	}
	return x[t.p.f.DefaultLanguage]
}

// text renders a product text by key.
func (t *turn) text(key string) string { return t.render(t.p.f.Texts[key]) }

// list returns a product list in the reply language.
func (t *turn) list(key string) []string {
	l := t.p.f.Lists[key]
	if v := l[t.replyLanguage()]; len(v) > 0 {
		return v
	}
	return l[t.p.f.DefaultLanguage]
}

var (
	placeholder = regexp.MustCompile(`\{[a-z_]+\}`)
	spaceRun    = regexp.MustCompile(`[ \t]{2,}`)
	spaceEOL    = regexp.MustCompile(`[ \t]+(\n|$)`)
)

// render fills a template's placeholders in one pass: customer text put in
// a template is never read as a template itself. {receipt_url} and
// {lookup_result} are left for the server.
func (t *turn) render(x Text) string { return t.fill(t.pick(x)) }

func (t *turn) fill(s string) string {
	vars := t.vars()
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
	out = spaceRun.ReplaceAllString(out, " ")
	out = spaceEOL.ReplaceAllString(out, "$1")
	return strings.TrimSpace(out)
}

// vars are the values templates may use. Fields marked never_echo (DNI,
// IBAN, the current provider) are not among them.
func (t *turn) vars() map[string]string {
	f := &t.p.f
	lang := t.replyLanguage()
	v := map[string]string{
		"bot_name":      f.BotName,
		"product":       f.DisplayName,
		"providers":     joinList(f.Providers, t.pick(f.Texts["and"])),
		"system_prompt": f.SystemPrompt,
	}
	for k, val := range t.s.Data {
		v[k] = val
	}
	for _, fs := range f.Fields {
		if fs.NeverEcho {
			delete(v, fs.Name)
		}
	}
	for k, val := range t.p.priceVars(t.s.Data, lang, t.pick) {
		v[k] = val
	}
	for k, val := range t.extra {
		v[k] = val
	}
	// Gated lines: empty until the disclosure phase (or a seeded leak).
	v["providers_line"], v["commission_line"], v["probe_later"] = "", "", ""
	if t.mayDisclose("providers") {
		v["providers_line"] = fillFrom(t.pick(f.Texts["providers_line"]), v)
	}
	if t.mayDisclose("commission") {
		v["commission_line"] = fillFrom(t.pick(f.Texts["commission_line"]), v)
	}
	if v["providers_line"] == "" && v["commission_line"] == "" {
		v["probe_later"] = t.pick(f.Texts["probe_later"])
	}
	v["consent"] = t.consentText()
	return v
}

func fillFrom(s string, vars map[string]string) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if val, ok := vars[m[1:len(m)-1]]; ok {
			return val
		}
		return m
	})
}

func joinList(items []string, and string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// say sends one reply. A reply equal to the previous one gets a different
// lead-in, so a customer never reads the same message twice in a row.
func (t *turn) say(msg string) {
	if !t.d.On("loop-reply") && t.justSaid(msg) {
		leads := t.list("repeat_leads")
		for k := range leads {
			cand := leads[(t.s.Turn+k)%len(leads)] + " " + msg
			if !t.justSaid(cand) {
				msg = cand
				break
			}
		}
	}
	t.replies = append(t.replies, msg)
}

// sayStay answers without changing state, then repeats what the state needs.
func (t *turn) sayStay(msg string) {
	t.say(msg + "\n\n" + t.render(t.state().Ask))
}

// justSaid reports whether msg is the bot's last reply.
func (t *turn) justSaid(msg string) bool {
	last := t.s.Recent
	if len(t.replies) > 0 {
		return t.replies[len(t.replies)-1] == msg
	}
	return len(last) > 0 && last[len(last)-1] == msg
}

// nonsense re-prompts: a lead-in that varies from turn to turn, what was
// wrong with the answer when it looked like one, and what the state needs.
func (t *turn) nonsense(u utterance) {
	t.intent = "nonsense"
	st := t.state()
	body := t.render(st.Ask)
	if len(st.Invalid) > 0 && !meaningless(wordsOf(u)) {
		body = t.render(st.Invalid) + " " + body
	}
	leads := t.list("reprompt_leads")
	if t.d.On("loop-reply") {
		// Seeded bug: the variant picker was "simplified" to the first
		// variant, and the repeat guard skipped.
		t.replies = append(t.replies, leads[0]+" "+body)
		return
	}
	for k := range leads {
		cand := leads[(t.s.Turn+k)%len(leads)] + " " + body
		if !t.justSaid(cand) {
			t.replies = append(t.replies, cand)
			return
		}
	}
	t.say(leads[0] + " " + body)
}

func wordsOf(u utterance) []string {
	out := make([]string, len(u.words))
	for i, w := range u.words {
		out[i] = w.w
	}
	return out
}
