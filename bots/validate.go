package bots

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Validate checks what the fields mean and returns every problem at once (a
// Problems), each naming the file, the field, its line and the fix; nil
// when the manifest is sound. It never quotes a secret.
//
// It does not judge the graph's shape (unreachable states, dead ends): those
// are findings about the bot, asked with Unreachable and DeadEnds by the
// conversation layer.
func (m *Manifest) Validate() error {
	v := &validator{m: m}
	v.identity()
	v.target()
	v.secrets()
	v.endpoints()
	v.budgets()
	v.phones()
	v.observe()
	v.graph()
	v.intents()
	v.safety()
	// In file order, so the list reads top to bottom beside the file;
	// problems with no line (a missing field) come last.
	sort.SliceStable(v.probs, func(i, j int) bool {
		li, lj := v.probs[i].Line, v.probs[j].Line
		if li == 0 || lj == 0 {
			return li != 0 && lj == 0
		}
		return li < lj
	})
	return v.probs.Err()
}

type validator struct {
	m     *Manifest
	probs Problems
}

func (v *validator) add(field, msg, fix string) {
	v.probs = append(v.probs, v.m.problem(field, msg, fix))
}

var botName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

func (v *validator) identity() {
	m := v.m
	file := strings.TrimSuffix(filepath.Base(m.Path), ".yaml")
	switch {
	case m.Name == "":
		v.add("name", "missing", fmt.Sprintf("write name: %s (the file's name without .yaml)", orDefault(file, "mybot")))
	case !botName.MatchString(m.Name):
		v.add("name", fmt.Sprintf("%q is not a bot name", m.Name), "use lower-case letters, digits, - and _ (it is the -bot flag's value)")
	case m.Path != "" && m.Name != file:
		v.add("name", fmt.Sprintf("%q does not match the file name %q", m.Name, filepath.Base(m.Path)),
			fmt.Sprintf("write name: %s, or rename the file to %s.yaml", file, m.Name))
	}
	p := m.Persona
	if len(p.Languages) == 0 {
		v.add("persona.languages", "missing", "list the languages the bot speaks, e.g. [es, en]")
	}
	seen := map[string]bool{}
	for i, l := range p.Languages {
		f := fmt.Sprintf("persona.languages[%d]", i)
		switch {
		case l == "":
			v.add(f, "empty language", "write a language code such as es")
		case seen[l]:
			v.add(f, fmt.Sprintf("language %q is listed twice", l), "list each language once")
		}
		seen[l] = true
	}
	if p.DefaultLanguage != "" && !seen[p.DefaultLanguage] {
		v.add("persona.default_language", fmt.Sprintf("%q is not one of persona.languages", p.DefaultLanguage), "add it to persona.languages or pick one of them")
	}
	if p.MustDiscloseAI && len(p.AIDisclosure) == 0 {
		v.add("persona.ai_disclosure", "missing, though must_disclose_ai is true", `give patterns a disclosure must match, e.g. "(?i)asistente virtual|\\bAI\\b"`)
	}
	v.patterns("persona.ai_disclosure", p.AIDisclosure)
	v.patterns("persona.human_claims", p.HumanClaims)
}

func (v *validator) target() {
	t := v.m.Target
	switch t.Kind {
	case "":
		v.add("target.kind", "missing", "write embedded (the reference bot), local or ssh")
	case TargetEmbedded:
		if t.Product == "" {
			v.add("target.product", "missing for an embedded target", "name the reference bot's product to start, e.g. product: voyachat")
		}
	case TargetLocal:
		v.url("target.url", t.URL)
		v.needDatabase("target.database_url", t.DatabaseURL)
	case TargetSSH:
		s := t.SSH
		v.need("target.ssh.host", s.Host, "give the host as host:port, e.g. ${CAAS_MYBOT_HOST}:22")
		v.need("target.ssh.user", s.User, "give the login user")
		v.need("target.ssh.key", s.Key, "give the private key's path, e.g. ${CAAS_MYBOT_SSH_KEY}")
		if !s.InsecureIgnoreHostKey {
			v.need("target.ssh.known_hosts", s.KnownHosts, "give a known_hosts file; host keys are always verified")
		}
		v.need("target.ssh.http", s.HTTP, "give the bot's HTTP address as seen from the host, e.g. 127.0.0.1:8002")
		if !v.m.Observe.GraphCapture {
			v.need("target.ssh.database", s.Database, "give the bot's PostgreSQL address as seen from the host, e.g. 127.0.0.1:5432")
			v.needDatabase("target.database_url", t.DatabaseURL)
		}
	default:
		v.add("target.kind", fmt.Sprintf("unknown kind %q", t.Kind), "write embedded, local or ssh")
	}
}

// need reports a required field that is empty, unless an unset variable
// already explains why (secrets() reports that one).
func (v *validator) need(field, value, fix string) {
	if value == "" && v.m.unresolved[field] == "" {
		v.add(field, "missing for target kind "+string(v.m.Target.Kind), fix)
	}
}

func (v *validator) needDatabase(field, value string) {
	if v.m.Observe.GraphCapture {
		return
	}
	name := strings.ToUpper(strings.ReplaceAll(orDefault(v.m.Name, "mybot"), "-", "_"))
	v.need(field, value, fmt.Sprintf("give the bot's PostgreSQL DSN as a reference, e.g. ${CAAS_%s_DSN}, or use target.kind: embedded", name))
}

func (v *validator) url(field, value string) {
	if value == "" {
		v.need(field, value, "set it (e.g. http://127.0.0.1:8010) or use target.kind: embedded")
		return
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(field, fmt.Sprintf("%q is not an http(s) base URL", value), "write it like http://127.0.0.1:8010")
	}
}

// secrets: never a literal; for a bot the suite does not start itself,
// every reference must resolve and the webhook secrets must be there.
func (v *validator) secrets() {
	m := v.m
	for _, f := range m.literalSecrets {
		v.add(f, "write a ${ENV} reference, not the secret itself",
			fmt.Sprintf("e.g. ${%s}, exported in the shell or CI; then rotate the secret, since it was written down", envFor(m.Name, f)))
	}
	if m.Target.Kind != TargetLocal && m.Target.Kind != TargetSSH {
		// Embedded: the harness generates the secrets and needs no URL or
		// DSN. Unknown: target() says so, and what it needs is unknown.
		return
	}
	for _, f := range m.UnresolvedFields() {
		v.probs = append(v.probs, unsetProblem(m.File(), m.line(f), f, m.unresolved[f]))
	}
	required := []struct{ field, value string }{
		{"secrets.app_secret", m.Secrets.AppSecret},
		{"secrets.verify_token", m.Secrets.VerifyToken},
	}
	if m.Endpoints.Stripe != "" {
		required = append(required, struct{ field, value string }{"secrets.stripe_secret", m.Secrets.StripeSecret})
	}
	for _, r := range required {
		if r.value == "" && m.unresolved[r.field] == "" && !contains(m.literalSecrets, r.field) {
			v.add(r.field, "missing for target kind "+string(m.Target.Kind),
				fmt.Sprintf("write %s: ${%s}", strings.TrimPrefix(r.field, "secrets."), envFor(m.Name, r.field)))
		}
	}
}

// envFor suggests a variable name: CAAS_<BOT>_<FIELD>.
func envFor(bot, field string) string {
	leaf := field[strings.LastIndex(field, ".")+1:]
	if leaf == "database_url" {
		leaf = "dsn"
	}
	b := strings.ToUpper(strings.ReplaceAll(orDefault(bot, "mybot"), "-", "_"))
	return "CAAS_" + b + "_" + strings.ToUpper(leaf)
}

func (v *validator) endpoints() {
	e := v.m.Endpoints
	for _, ep := range []struct {
		field, value, example string
		required              bool
	}{
		{"endpoints.health", e.Health, "/health", true},
		{"endpoints.whatsapp", e.WhatsApp, "/webhook/whatsapp", true},
		{"endpoints.stripe", e.Stripe, "/webhook/stripe", false},
		{"endpoints.receipt", e.Receipt, "/receipt/{id}", false},
	} {
		switch {
		case ep.value == "" && ep.required:
			v.add(ep.field, "missing", "give the path on the bot, e.g. "+ep.example)
		case ep.value != "" && !strings.HasPrefix(ep.value, "/"):
			v.add(ep.field, fmt.Sprintf("%q does not start with /", ep.value), "write a path on the bot, e.g. "+ep.example)
		}
	}
	if e.Receipt != "" && !strings.Contains(e.Receipt, "{id}") {
		v.add("endpoints.receipt", fmt.Sprintf("%q has no {id}", e.Receipt), "write where the receipt id goes, e.g. /receipt/{id}")
	}
}

func (v *validator) budgets() {
	b := v.m.Budgets
	for _, x := range []struct {
		field   string
		ms      int
		example string
	}{
		{"budgets.health_ms", b.HealthMS, "300"},
		{"budgets.reply_ms", b.ReplyMS, "2000"},
		{"budgets.settle_ms", b.SettleMS, "150"},
	} {
		if x.ms <= 0 {
			v.add(x.field, fmt.Sprintf("must be positive, got %d", x.ms), "give the limit the bot promises, in milliseconds, e.g. "+x.example)
		}
	}
}

func (v *validator) phones() {
	r := v.m.TestPhones.Range
	switch {
	case r == "":
		v.add("test_phones.range", "missing", "give the test range, digits then at least two X, e.g. 346000900XX; nothing is ever sent outside it")
	case !phoneRange.MatchString(r):
		v.add("test_phones.range", fmt.Sprintf("%q is not digits followed by at least two X", r), "write it like 346000900XX (each X is one digit)")
	case len(r) < 11 || len(r) > 15:
		v.add("test_phones.range", fmt.Sprintf("%q has %d digits; an E.164 number has 11 to 15", r, len(r)), "write the full number with country code, e.g. 346000900XX")
	case v.m.TestPhones.Size() > MaxUnownedPhones && strings.TrimSpace(v.m.TestPhones.OwnedReason) == "":
		v.add("test_phones.range", fmt.Sprintf("%q holds %d numbers; a test range holds at most %d (two X) unless the team owns the block", r, v.m.TestPhones.Size(), MaxUnownedPhones),
			"narrow it to two X (e.g. "+narrowed(r)+"), or, if the team owns every number of it, say how in test_phones.owned_reason")
	}
}

// narrowed is r with all but its last two X made zeros: a 100-number block
// inside the range, for the fix of a range that is too wide.
func narrowed(r string) string {
	prefix := strings.TrimRight(r, "X")
	return prefix + strings.Repeat("0", len(r)-len(prefix)-2) + "XX"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
