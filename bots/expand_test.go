package bots_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

func TestReferencesExpandFromTheLoadersLookup(t *testing.T) {
	// CAAS_T_UNSET and CAAS_T_REPLY are absent, CAAS_T_EMPTY is set but empty.
	env := bots.Loader{Getenv: envOf(map[string]string{"CAAS_T_SET": "from-env", "CAAS_T_EMPTY": "", "CAAS_T_HEALTH": "450"})}
	for _, tc := range []struct {
		name, yaml string
		check      func(t *testing.T, m *bots.Manifest)
	}{
		{"a set variable gives its value", `display_name: "${CAAS_T_SET}"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "from-env", m.DisplayName) }},
		{"an unset variable takes its default", `display_name: "${CAAS_T_UNSET:-fallback}"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "fallback", m.DisplayName) }},
		{"an empty variable takes its default, as in the shell", `display_name: "${CAAS_T_EMPTY:-fallback}"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "fallback", m.DisplayName) }},
		{"a set variable wins over its default", `display_name: "${CAAS_T_SET:-fallback}"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "from-env", m.DisplayName) }},
		{"an empty default is allowed", `display_name: "a${CAAS_T_UNSET:-}b"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "ab", m.DisplayName) }},
		{"several references mix with text", `display_name: "${CAAS_T_SET}/${CAAS_T_UNSET:-x}/end"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "from-env/x/end", m.DisplayName) }},
		{"$${ writes a literal ${", `display_name: "cost: $${CAAS_T_SET}"`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "cost: ${CAAS_T_SET}", m.DisplayName) }},
		{"SQL placeholders pass untouched", `observe: {replies_sql: "select id from t where a = $1 and id > $2"}`,
			func(t *testing.T, m *bots.Manifest) {
				assert.Equal(t, "select id from t where a = $1 and id > $2", m.Observe.RepliesSQL)
			}},
		{"a number field takes an expanded number, quoted or not", "budgets:\n  reply_ms: ${CAAS_T_REPLY:-2500}\n  health_ms: \"${CAAS_T_HEALTH}\"",
			func(t *testing.T, m *bots.Manifest) {
				assert.Equal(t, 2500, m.Budgets.ReplyMS)
				assert.Equal(t, 450, m.Budgets.HealthMS)
			}},
		{"a string field stays a string whatever it expands to", `display_name: ${CAAS_T_UNSET:-null}`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, "null", m.DisplayName) }},
		{"references expand inside lists and maps", "safety: {canaries: [\"${CAAS_T_SET}\"]}\nintents: {utterances: {hello: {es: [\"${CAAS_T_UNSET:-hola}\"]}}}",
			func(t *testing.T, m *bots.Manifest) {
				assert.Equal(t, []string{"from-env"}, m.Safety.Canaries)
				assert.Equal(t, "hola", m.Utterance("hello", "es"))
			}},
		{"a target kind can come from the environment", `target: {kind: "${CAAS_T_UNSET:-local}"}`,
			func(t *testing.T, m *bots.Manifest) { assert.Equal(t, bots.TargetLocal, m.Target.Kind) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := env.Parse("inline.yaml", []byte(tc.yaml))
			require.NoError(t, err)
			tc.check(t, m)
		})
	}
}

func TestExpansionReadsOnlyTheLoadersLookupNeverTheProcessEnvironment(t *testing.T) {
	t.Setenv("CAAS_T_SET", "from-the-process")
	const src = `display_name: "${CAAS_T_SET:-fallback}"`

	m, err := bots.Loader{Getenv: envOf(map[string]string{"CAAS_T_SET": "from-the-lookup"})}.Parse("inline.yaml", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, "from-the-lookup", m.DisplayName)

	m, err = bots.Loader{}.Parse("inline.yaml", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, "fallback", m.DisplayName, "a Loader without a lookup has every variable unset")
}

func TestAnUnsetVariableIsReportedByNameAndFieldNeverByValue(t *testing.T) {
	env := bots.Loader{Getenv: envOf(map[string]string{"CAAS_T_SECRET_SET": "s3cr3t-token-value"})}
	src := "name: inline\ndisplay_name: Inline\n" +
		"source: {repo: \"${CAAS_T_UNSET}\"}\n"
	_, err := env.Parse("inline.yaml", []byte(src))
	require.Error(t, err)
	assert.Equal(t, "bots/inline.yaml:3: source.repo: ${CAAS_T_UNSET} is not set; export it or give a default with ${CAAS_T_UNSET:-...}", err.Error())
}

// secretsManifest is the valid testdata manifest with its target switched.
func secretsManifest(t *testing.T, target string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	const embedded = "  kind: embedded\n  product: voyachat\n"
	require.Contains(t, string(data), embedded)
	return []byte(strings.Replace(string(data), embedded, target, 1))
}

func TestAMissingSecretIsFineForAnEmbeddedTargetAndAnErrorForALocalOne(t *testing.T) {
	const value = "verify-VALUE-never-printed"
	env := bots.Loader{Getenv: envOf(map[string]string{"CAAS_TESTDATA_VERIFY_TOKEN": value})}

	embedded, err := env.Parse("tiny.yaml", secretsManifest(t, "  kind: embedded\n  product: voyachat\n"))
	require.NoError(t, err)
	require.NoError(t, embedded.Validate(), "an embedded target runs with the harness's own secrets")
	assert.Equal(t, []string{"secrets.app_secret", "secrets.stripe_secret"}, embedded.UnresolvedFields())
	assert.Empty(t, embedded.Secrets.AppSecret)
	assert.Equal(t, value, embedded.Secrets.VerifyToken)

	local, err := env.Parse("tiny.yaml", secretsManifest(t,
		"  kind: local\n  url: http://127.0.0.1:8010\n  database_url: \"${CAAS_TESTDATA_DSN}\"\n"))
	require.NoError(t, err, "Parse leaves target-dependent variables to Validate")
	err = local.Validate()
	require.Error(t, err)
	var probs bots.Problems
	require.True(t, errors.As(err, &probs))
	got := make([]string, len(probs))
	for i, p := range probs {
		got[i] = p.Field + ": " + p.Msg
	}
	assert.Equal(t, []string{
		"target.database_url: ${CAAS_TESTDATA_DSN} is not set",
		"secrets.app_secret: ${CAAS_TESTDATA_APP_SECRET} is not set",
		"secrets.stripe_secret: ${CAAS_TESTDATA_STRIPE_SECRET} is not set",
	}, got)
	assert.NotContains(t, err.Error(), value, "an error must never quote a secret")
}

func TestAReferenceWithADefaultIsStillAReference(t *testing.T) {
	src := secretsManifest(t, "  kind: embedded\n  product: voyachat\n")
	src = []byte(strings.Replace(string(src), `"${CAAS_TESTDATA_APP_SECRET}"`, `"${CAAS_TESTDATA_APP_SECRET:-dev-only}"`, 1))
	m, err := bots.Loader{Getenv: envOf(nil)}.Parse("tiny.yaml", src)
	require.NoError(t, err)
	require.NoError(t, m.Validate())
	assert.Equal(t, "dev-only", m.Secrets.AppSecret)
}
