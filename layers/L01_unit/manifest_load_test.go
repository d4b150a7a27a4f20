package l01unit_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheBotsManifestLoadsAndValidates(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t) // loaded by name and validated, or the test has failed
	names, err := testutil.Bots().Names()
	require.NoError(t, err)
	assert.Contains(t, names, m.Name, "the bot under test is not among the manifests testutil.Bots().Names lists")
	assert.Equal(t, m.Name+".yaml", filepath.Base(m.Path), "a manifest's file is named after the bot (the -bot flag's value)")

	again, err := testutil.Bots().LoadFile(m.Path)
	require.NoError(t, err, "loading %s by path fails where loading it by name did not", m.File())
	assert.NoError(t, again.Validate(), "validating a loaded manifest twice gives a different answer")

	// The copy the mutation test breaks one field at a time must itself
	// load, or every failure there would be the copy's fault.
	copyPath := readManifestDoc(t, m.Path).write(t, t.TempDir(), m.Name)
	_, err = testutil.Bots().LoadFile(copyPath)
	require.NoError(t, err, "the bot's manifest, re-encoded unchanged, no longer loads")

	for field, path := range map[string]string{"endpoints.health": m.Endpoints.Health, "endpoints.whatsapp": m.Endpoints.WhatsApp} {
		assert.True(t, strings.HasPrefix(path, "/"), "%s: %s = %q is not a path", m.File(), field, path)
	}
	assert.Positive(t, m.Budgets.HealthMS, "%s: budgets.health_ms", m.File())
	assert.Positive(t, m.Budgets.ReplyMS, "%s: budgets.reply_ms", m.File())
	assert.NotEmpty(t, m.Observe.RepliesSQL, "%s: observe.replies_sql: without it no reply can be read", m.File())
	assert.NotEmpty(t, m.Observe.SessionSQL, "%s: observe.session_sql", m.File())
	require.NotEmpty(t, m.Observe.ResetSQL, "%s: observe.reset_sql: without it test phones cannot be cleaned", m.File())
	for i, stmt := range m.Observe.ResetSQL {
		assert.Contains(t, stmt, "$1", "%s: observe.reset_sql[%d] %q does not take the phone: it would delete every customer's rows", m.File(), i, stmt)
	}
	require.NotEmpty(t, m.Persona.Languages, "%s: persona.languages", m.File())
	assert.Contains(t, m.Persona.Languages, m.Persona.DefaultLanguage, "%s: persona.default_language", m.File())
	for _, f := range m.UnresolvedFields() {
		assert.True(t, strings.HasPrefix(f, "secrets.") || strings.HasPrefix(f, "target."), "%s: %s has an unset ${VAR} outside the fields a harness may fill", m.File(), f)
		assert.Equal(t, bots.TargetEmbedded, m.Target.Kind, "%s: %s is unset, and only an embedded target makes its own secrets", m.File(), f)
	}
}
