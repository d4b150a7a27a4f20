package bots

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// secret is one value to keep out of messages, with the label Redact shows.
type secret struct {
	label, value string
}

// secrets are the current values of the secret fields, so a secret the
// harness sets after Load (an embedded target's random app secret) is
// redacted too. A DSN's password is listed on its own as well: a driver's
// error may quote it without the rest of the DSN.
func (m *Manifest) secrets() []secret {
	var out []secret
	add := func(label, v string) {
		if v != "" {
			out = append(out, secret{label, v})
		}
	}
	add("app_secret", m.Secrets.AppSecret)
	add("verify_token", m.Secrets.VerifyToken)
	add("stripe_secret", m.Secrets.StripeSecret)
	add("database_url", m.Target.DatabaseURL)
	add("database_url", dsnPassword(m.Target.DatabaseURL))
	// Longest first, so a secret that contains another is replaced whole.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].value) > len(out[j].value) })
	return out
}

var kvPassword = regexp.MustCompile(`(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)`)

// dsnPassword finds the password of a URL DSN (postgres://u:p@h/db) or a
// key=value one (password=p).
func dsnPassword(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok {
			return p
		}
	}
	if sm := kvPassword.FindStringSubmatch(dsn); sm != nil {
		return strings.Trim(sm[1], "'")
	}
	return ""
}

// SecretValues are the values of the manifest's secrets (secrets.* and the
// database URL and its password), longest first, for callers that filter
// output themselves. Never print them.
func (m *Manifest) SecretValues() []string {
	ss := m.secrets()
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.value
	}
	return out
}

// Redact replaces every secret value in s with [REDACTED:<field>], e.g.
// [REDACTED:app_secret]. Use it on anything built from a manifest that may
// reach a log, a report or a golden file.
func (m *Manifest) Redact(s string) string {
	for _, sec := range m.secrets() {
		s = strings.ReplaceAll(s, sec.value, "[REDACTED:"+sec.label+"]")
	}
	return s
}

// UnresolvedFields lists, sorted, the fields whose ${VAR} was unset when the
// manifest was parsed and which Parse left to Validate (secrets.*, target.*).
// For an embedded target they are expected: the harness fills the secrets.
func (m *Manifest) UnresolvedFields() []string {
	out := make([]string, 0, len(m.unresolved))
	for f := range m.unresolved {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// String keeps secrets out of fmt's %v and %+v of a Manifest.
func (s Secrets) String() string {
	show := func(v string) string {
		if v == "" {
			return "<unset>"
		}
		return "[REDACTED]"
	}
	return "{app_secret:" + show(s.AppSecret) + " verify_token:" + show(s.VerifyToken) + " stripe_secret:" + show(s.StripeSecret) + "}"
}

// GoString keeps secrets out of %#v.
func (s Secrets) GoString() string { return "bots.Secrets" + s.String() }

// String keeps the database URL (it carries a password) out of fmt's %v.
func (t Target) String() string {
	dsn := "<unset>"
	if t.DatabaseURL != "" {
		dsn = "[REDACTED]"
	}
	return fmt.Sprintf("{kind:%s product:%s url:%s database_url:%s restart:%q ssh:%+v}",
		t.Kind, t.Product, t.URL, dsn, t.Restart, t.SSH)
}

// GoString keeps the database URL out of %#v.
func (t Target) GoString() string { return "bots.Target" + t.String() }
