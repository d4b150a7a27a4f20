package bots

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// expand replaces ${NAME} and ${NAME:-default} in s with the values getenv
// gives: the Loader's lookup, so the caller says which environment (the
// package reads none itself); nil means every variable is unset. As in the
// shell, the default is used when NAME is unset or empty; "$${" writes a
// literal "${". It returns the names that had neither a value nor a default
// (they expand to ""), so the caller can report them by name. A "$" not
// followed by "{" is left alone: SQL's $1 and a regexp's $ pass through
// untouched.
func expand(s string, getenv func(string) string) (string, []string, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var b strings.Builder
	var missing []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), missing, nil
		}
		if i > 0 && s[i-1] == '$' {
			b.WriteString(s[:i-1]) // the first "$" of "$${" is the escape
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", nil, errors.New("unclosed ${ reference")
		}
		inner := s[i+2 : i+end]
		s = s[i+end+1:]
		name, def, hasDef := strings.Cut(inner, ":-")
		if !envName.MatchString(name) {
			return "", nil, fmt.Errorf("${%s} is not a valid reference: a variable name is letters, digits and _", inner)
		}
		switch v := getenv(name); {
		case v != "":
			b.WriteString(v)
		case hasDef:
			b.WriteString(def)
		default:
			missing = append(missing, name)
		}
	}
}

var (
	envName        = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	wholeReference = regexp.MustCompile(`^\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}$`)
)

// isWholeReference: the raw value is one ${...} reference and nothing else,
// which is how a secret must be written.
func isWholeReference(raw string) bool { return wholeReference.MatchString(raw) }

// secretFields are the fields whose values are secrets: written as
// references, never printed (Redact), labelled by their last path element.
var secretFields = []string{
	"secrets.app_secret",
	"secrets.verify_token",
	"secrets.stripe_secret",
	"target.database_url", // a DSN carries a password
}

func isSecretField(path string) bool {
	for _, f := range secretFields {
		if f == path {
			return true
		}
	}
	return false
}

// isDeferredField: a field only some target kinds need (an embedded target
// needs no URL, DSN, SSH host or secrets), so an unset variable in it is
// judged by Validate, which knows the target, not by Parse.
func isDeferredField(path string) bool {
	switch {
	case path == "target.kind" || path == "target.product":
		return false
	case strings.HasPrefix(path, "target.") || strings.HasPrefix(path, "secrets."):
		return true
	}
	return false
}
