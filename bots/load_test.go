package bots_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

// repo reads this repository's bots/ with the process's environment, as the
// commands do when CAAS_BOTS_DIR is unset.
var repo = bots.Loader{Getenv: os.Getenv}

// envOf is a lookup over vars alone, so a test does not depend on what the
// shell exports.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestTheShippedManifestsLoadAndValidate(t *testing.T) {
	names, err := repo.Names()
	require.NoError(t, err)
	assert.Subset(t, names, []string{"cambialeon", "voyachat"})
	assert.NotContains(t, names, "example", "example.yaml is a template, not a bot")

	all, err := repo.LoadAll()
	require.NoError(t, err, "every manifest in bots/ must load (a bot of your own: export its variables)")
	require.Len(t, all, len(names))
	for _, m := range all {
		if m.Name != "voyachat" && m.Name != "cambialeon" {
			continue // the checks below are about the reference products
		}
		t.Run(m.Name, func(t *testing.T) {
			assert.Equal(t, bots.TargetEmbedded, m.Target.Kind)
			assert.Equal(t, m.Name, m.Target.Product)
			assert.Equal(t, "bots/"+m.Name+".yaml", m.File())
			assert.Equal(t, []string{"es", "en"}, m.Persona.Languages)
			assert.Equal(t, 300, m.Budgets.HealthMS)
			assert.Equal(t, 2000, m.Budgets.ReplyMS)
			assert.Equal(t, 150, m.Budgets.SettleMS)
			assert.Equal(t, "346000900XX", m.TestPhones.Range)
			assert.Equal(t, "refbot_outbound", m.Observe.NotifyChannel)
			assert.Equal(t, []string{"refbot/products/" + m.Name + ".yaml"}, m.Source.Prompts)
			assert.NotEmpty(t, m.Safety.Canaries[0])
		})
	}
}

func TestOnlyVoyaChatTakesPayments(t *testing.T) {
	voya, err := repo.Load("voyachat")
	require.NoError(t, err)
	cambia, err := repo.Load("cambialeon")
	require.NoError(t, err)
	assert.Equal(t, "/webhook/stripe", voya.Endpoints.Stripe)
	assert.NotEmpty(t, voya.Observe.PaymentsSQL)
	assert.Empty(t, cambia.Endpoints.Stripe, "cambialeon takes no payments: its Stripe tests must skip")
	assert.Empty(t, cambia.Observe.PaymentsSQL)
}

func TestLoadOfAnUnknownBotNamesTheKnownOnes(t *testing.T) {
	_, err := repo.Load("voyachaat")
	require.ErrorIs(t, err, bots.ErrUnknownBot)
	assert.Regexp(t, `^unknown bot "voyachaat"; known bots in bots: .*cambialeon, .*voyachat.* \(add voyachaat.yaml there to define it\)$`, err.Error())

	for _, bad := range []string{"", "../bots/voyachat", "example", "_draft"} {
		_, err := repo.Load(bad)
		require.ErrorIs(t, err, bots.ErrUnknownBot, "Load(%q)", bad)
		assert.Regexp(t, `cambialeon, .*voyachat`, err.Error(), "Load(%q) must list the known bots", bad)
	}
}

func TestALoaderReadsTheModuleRootsBotsUnlessItsDirSaysOtherwise(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, wd, bots.Loader{}.Directory(), "tests of this package run in <root>/bots")
	assert.Equal(t, wd, bots.FromEnv(envOf(nil)).Directory(), "an environment without CAAS_BOTS_DIR")

	other := t.TempDir()
	assert.Equal(t, other, bots.Loader{Dir: other}.Directory())
	assert.Equal(t, other, bots.FromEnv(envOf(map[string]string{bots.EnvDir: other})).Directory())
}

func TestFromEnvExpandsReferencesFromTheSameEnvironment(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tiny.yaml"), data, 0o644))
	const token = "verify-from-the-lookup"
	m, err := bots.FromEnv(envOf(map[string]string{bots.EnvDir: dir, "CAAS_TESTDATA_VERIFY_TOKEN": token})).Load("tiny")
	require.NoError(t, err)
	assert.Equal(t, token, m.Secrets.VerifyToken)
}

func TestNamesListsBotsAndSkipsDraftsTemplatesAndOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"zeta.yaml", "alpha.yaml", "_draft.yaml", "example.yaml", "example-local.yaml", "notes.md", "beta.yml"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("name: x\n"), 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "gamma.yaml"), 0o755))
	names, err := bots.Loader{Dir: dir}.Names()
	require.NoError(t, err)
	assert.Equal(t, []string{"alpha", "zeta"}, names)
}

func TestAManifestFromAnotherDirectoryLoadsAndIsNamedByItsPath(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tiny.yaml"), data, 0o644))
	m, err := bots.Loader{Dir: dir}.Load("tiny")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "tiny.yaml"), m.Path)
	assert.Equal(t, filepath.Join(dir, "tiny.yaml"), m.File(), "outside the module a manifest is shown by its full path")
}

func TestLoadAllReportsEveryBrokenManifestAtOnce(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"one", "two"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n+".yaml"), []byte("name: "+n+"\nbudgets: {reply_ms: 1}\n"), 0o644))
	}
	_, err := bots.Loader{Dir: dir}.LoadAll()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "one.yaml")
	assert.Contains(t, err.Error(), "two.yaml")
}

func TestTheExampleManifestValidatesOnceItsVariablesAreExported(t *testing.T) {
	path := "example.yaml"
	_, err := bots.Loader{Getenv: envOf(nil)}.LoadFile(path)
	require.Error(t, err, "a local target must insist on its secrets")
	assert.Contains(t, err.Error(), "bots/example.yaml:31: target.database_url: ${CAAS_EXAMPLE_DSN} is not set")

	m, err := bots.Loader{Getenv: envOf(map[string]string{
		"CAAS_EXAMPLE_DSN":           "postgres://bot:pw@127.0.0.1:5432/bot",
		"CAAS_EXAMPLE_APP_SECRET":    "app-secret-value",
		"CAAS_EXAMPLE_VERIFY_TOKEN":  "verify-token-value",
		"CAAS_EXAMPLE_STRIPE_SECRET": "whsec_value",
	})}.LoadFile(path)
	require.NoError(t, err)
	assert.Equal(t, bots.TargetLocal, m.Target.Kind)
	assert.Equal(t, "http://127.0.0.1:8010", m.Target.URL)
	assert.Empty(t, m.Unreachable())
	assert.Empty(t, m.DeadEnds())
	assert.Empty(t, m.OrphanIntents())
}
