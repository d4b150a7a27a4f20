package l01unit_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// wholeReference is how a secret must be written: one ${VAR} (with an
// optional default) and nothing else.
var wholeReference = regexp.MustCompile(`^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$`)

// distinctive is a fake secret no message could contain by chance. The
// values are the test's own, so a failure may print them.
func distinctive(field string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "l01-" + field + "-" + hex.EncodeToString(b)
}

func TestSecretReferencesResolveAndAMissingSecretIsNamedNeverQuoted(t *testing.T) {
	m := testutil.Manifest(t) // before any Setenv: the cached manifest must not see the test's values
	d := readManifestDoc(t, m.Path)
	vars := map[string]string{} // secrets field -> its variable
	for _, f := range []string{"app_secret", "verify_token", "stripe_secret"} {
		n := d.node("secrets", f)
		if n == nil || n.Value == "" {
			continue
		}
		sm := wholeReference.FindStringSubmatch(n.Value)
		// Not quoting the value: if it is not a reference, it is a secret.
		require.NotNil(t, sm, "%s:%d: secrets.%s is not a ${VAR} reference; a secret is never written in a manifest", m.File(), n.Line, f)
		vars[f] = sm[1]
	}
	require.Contains(t, vars, "app_secret", "%s: secrets.app_secret: the WhatsApp app secret must be declared", m.File())
	values := map[string]string{}
	for f, v := range vars {
		values[f] = distinctive(f)
		t.Setenv(v, values[f])
	}
	assertQuotesNone := func(t *testing.T, text, where string) {
		t.Helper()
		for f, v := range values {
			assert.NotContains(t, text, v, "%s quotes the value of secrets.%s", where, f)
		}
	}

	t.Run("each reference resolves to its variable's value", func(t *testing.T) {
		loaded, err := testutil.Bots().LoadFile(m.Path)
		require.NoError(t, err)
		got := map[string]string{"app_secret": loaded.Secrets.AppSecret, "verify_token": loaded.Secrets.VerifyToken, "stripe_secret": loaded.Secrets.StripeSecret}
		for f, v := range values {
			assert.Equal(t, v, got[f], "secrets.%s did not resolve ${%s}", f, vars[f])
		}
		assertQuotesNone(t, fmt.Sprintf("%v %+v %#v %v %#v", loaded.Secrets, loaded.Secrets, loaded.Secrets, loaded.Target, loaded.Target), "printing the manifest's secrets and target with fmt")
		for f, v := range values {
			redacted := loaded.Redact("the bot said " + v + " twice: " + v)
			assert.NotContains(t, redacted, v, "Redact leaves secrets.%s in", f)
			assert.Contains(t, redacted, "[REDACTED:"+f+"]", "Redact does not say which secret it hid")
		}
	})

	t.Run("an unset secret of a local target is named by its variable, never by a value", func(t *testing.T) {
		t.Setenv(vars["app_secret"], "")
		t.Setenv("CAAS_L01_UNSET_DSN", "")
		local := readManifestDoc(t, m.Path)
		local.set(t, "local", "target", "kind")
		local.set(t, "http://127.0.0.1:8010", "target", "url")
		local.set(t, "${CAAS_L01_UNSET_DSN}", "target", "database_url")
		path := local.write(t, t.TempDir(), m.Name)
		_, err := testutil.Bots().LoadFile(path)
		probs := problemsOf(t, err)
		assert.Subset(t, fields(probs), []string{"secrets.app_secret", "target.database_url"}, "the unset secrets are not both reported:\n%v", err)
		assert.Contains(t, err.Error(), "${"+vars["app_secret"]+"}", "the message does not name the variable to export")
		assert.Contains(t, err.Error(), "${CAAS_L01_UNSET_DSN}", "the message does not name the DSN's variable")
		assertQuotesNone(t, err.Error(), "the validation error")
		for _, p := range probs {
			assertWellFormed(t, path, path, p)
		}
	})

	t.Run("a secret written in clear is refused without being quoted", func(t *testing.T) {
		inClear := readManifestDoc(t, m.Path)
		inClear.set(t, values["app_secret"], "secrets", "app_secret")
		path := inClear.write(t, t.TempDir(), m.Name)
		_, err := testutil.Bots().LoadFile(path)
		probs := problemsOf(t, err)
		assert.Contains(t, fields(probs), "secrets.app_secret", "a secret written in clear was not refused:\n%v", err)
		assertQuotesNone(t, err.Error(), "the validation error")
	})
}
