package bots_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
)

func manifestWithSecrets() *bots.Manifest {
	return &bots.Manifest{
		Name:    "x",
		Secrets: bots.Secrets{AppSecret: "app-0123456789", VerifyToken: "verify-abc", StripeSecret: "whsec_app-0123456789-long"},
		Target:  bots.Target{Kind: bots.TargetLocal, DatabaseURL: "postgres://bot:pa55word@127.0.0.1:5432/bot"},
	}
}

func TestRedactReplacesEverySecretWithItsFieldName(t *testing.T) {
	m := manifestWithSecrets()
	for _, tc := range []struct{ name, in, want string }{
		{"no secret", "nothing to hide", "nothing to hide"},
		{"the app secret", "signing with app-0123456789 failed", "signing with [REDACTED:app_secret] failed"},
		{"two secrets", "verify-abc and app-0123456789", "[REDACTED:verify_token] and [REDACTED:app_secret]"},
		{"a secret containing another is replaced whole", "key whsec_app-0123456789-long", "key [REDACTED:stripe_secret]"},
		{"the whole DSN", "dial postgres://bot:pa55word@127.0.0.1:5432/bot: refused", "dial [REDACTED:database_url]: refused"},
		{"the DSN's password alone", `password "pa55word" rejected`, `password "[REDACTED:database_url]" rejected`},
		{"every occurrence", "verify-abc verify-abc", "[REDACTED:verify_token] [REDACTED:verify_token]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.Redact(tc.in))
		})
	}
}

func TestRedactCoversSecretsSetAfterLoad(t *testing.T) {
	m := &bots.Manifest{Name: "x"}
	assert.Equal(t, "random-app", m.Redact("random-app"), "no secrets, nothing to redact")
	m.Secrets.AppSecret = "random-app" // as the harness does for an embedded target
	assert.Equal(t, "[REDACTED:app_secret]", m.Redact("random-app"))
}

func TestSecretValuesListsEverySecretLongestFirst(t *testing.T) {
	m := manifestWithSecrets()
	assert.Equal(t, []string{
		"postgres://bot:pa55word@127.0.0.1:5432/bot",
		"whsec_app-0123456789-long",
		"app-0123456789",
		"verify-abc",
		"pa55word",
	}, m.SecretValues())

	kv := &bots.Manifest{Target: bots.Target{DatabaseURL: "host=127.0.0.1 user=bot password='p w' dbname=bot"}}
	assert.Contains(t, kv.SecretValues(), "p w", "a key=value DSN's password is a secret too")
}

func TestPrintingAManifestShowsNoSecret(t *testing.T) {
	m := manifestWithSecrets()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, m)
		for _, s := range m.SecretValues() {
			assert.NotContains(t, out, s, "fmt %s of a manifest", verb)
		}
	}
}
