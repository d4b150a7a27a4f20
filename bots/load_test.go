package bots_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

func TestTheShippedManifestsLoadAndValidate(t *testing.T) {
	t.Setenv(bots.EnvDir, "")
	names, err := bots.Names()
	require.NoError(t, err)
	assert.Subset(t, names, []string{"cambialeon", "voyachat"})
	assert.NotContains(t, names, "example", "example.yaml is a template, not a bot")

	all, err := bots.LoadAll()
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
	voya, err := bots.Load("voyachat")
	require.NoError(t, err)
	cambia, err := bots.Load("cambialeon")
	require.NoError(t, err)
	assert.Equal(t, "/webhook/stripe", voya.Endpoints.Stripe)
	assert.NotEmpty(t, voya.Observe.PaymentsSQL)
	assert.Empty(t, cambia.Endpoints.Stripe, "cambialeon takes no payments: its Stripe tests must skip")
	assert.Empty(t, cambia.Observe.PaymentsSQL)
}

func TestLoadOfAnUnknownBotNamesTheKnownOnes(t *testing.T) {
	t.Setenv(bots.EnvDir, "")
	_, err := bots.Load("voyachaat")
	require.Error(t, err)
	assert.Regexp(t, `^unknown bot "voyachaat"; known bots in bots: .*cambialeon, .*voyachat.* \(add voyachaat.yaml there to define it\)$`, err.Error())

	for _, bad := range []string{"", "../bots/voyachat", "example", "_draft"} {
		_, err := bots.Load(bad)
		require.Error(t, err, "Load(%q)", bad)
		assert.Regexp(t, `cambialeon, .*voyachat`, err.Error(), "Load(%q) must list the known bots", bad)
	}
}

func TestDirIsTheModuleRootsBotsUnlessCAAS_BOTS_DIRSaysOtherwise(t *testing.T) {
	t.Setenv(bots.EnvDir, "")
	wd, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, wd, bots.Dir(), "tests of this package run in <root>/bots")

	other := t.TempDir()
	t.Setenv(bots.EnvDir, other)
	assert.Equal(t, other, bots.Dir())
}

func TestNamesListsBotsAndSkipsDraftsTemplatesAndOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"zeta.yaml", "alpha.yaml", "_draft.yaml", "example.yaml", "example-local.yaml", "notes.md", "beta.yml"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("name: x\n"), 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "gamma.yaml"), 0o755))
	t.Setenv(bots.EnvDir, dir)
	names, err := bots.Names()
	require.NoError(t, err)
	assert.Equal(t, []string{"alpha", "zeta"}, names)
}

func TestAManifestFromAnotherDirectoryLoadsAndIsNamedByItsPath(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tiny.yaml"), data, 0o644))
	t.Setenv(bots.EnvDir, dir)
	m, err := bots.Load("tiny")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "tiny.yaml"), m.Path)
	assert.Equal(t, filepath.Join(dir, "tiny.yaml"), m.File(), "outside the module a manifest is shown by its full path")
}

func TestLoadAllReportsEveryBrokenManifestAtOnce(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"one", "two"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n+".yaml"), []byte("name: "+n+"\nbudgets: {reply_ms: 1}\n"), 0o644))
	}
	t.Setenv(bots.EnvDir, dir)
	_, err := bots.LoadAll()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "one.yaml")
	assert.Contains(t, err.Error(), "two.yaml")
}

func TestTheExampleManifestValidatesOnceItsVariablesAreExported(t *testing.T) {
	path := "example.yaml"
	for _, v := range []string{"CAAS_EXAMPLE_DSN", "CAAS_EXAMPLE_APP_SECRET", "CAAS_EXAMPLE_VERIFY_TOKEN", "CAAS_EXAMPLE_STRIPE_SECRET"} {
		t.Setenv(v, "")
	}
	_, err := bots.LoadFile(path)
	require.Error(t, err, "a local target must insist on its secrets")
	assert.Contains(t, err.Error(), "bots/example.yaml:31: target.database_url: ${CAAS_EXAMPLE_DSN} is not set")

	t.Setenv("CAAS_EXAMPLE_DSN", "postgres://bot:pw@127.0.0.1:5432/bot")
	t.Setenv("CAAS_EXAMPLE_APP_SECRET", "app-secret-value")
	t.Setenv("CAAS_EXAMPLE_VERIFY_TOKEN", "verify-token-value")
	t.Setenv("CAAS_EXAMPLE_STRIPE_SECRET", "whsec_value")
	m, err := bots.LoadFile(path)
	require.NoError(t, err)
	assert.Equal(t, bots.TargetLocal, m.Target.Kind)
	assert.Equal(t, "http://127.0.0.1:8010", m.Target.URL)
	assert.Empty(t, m.Unreachable())
	assert.Empty(t, m.DeadEnds())
	assert.Empty(t, m.OrphanIntents())
}
