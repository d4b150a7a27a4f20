package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func identity(defects ...string) Identity {
	if defects == nil {
		defects = []string{}
	}
	return Identity{Bot: "cambialeon", ManifestSHA256: strings.Repeat("ab", 32), Target: "embedded", Defects: defects,
		Scenarios: []ScenarioDigest{{ID: "grandma-carmen-bill", SHA256: "1"}, {ID: "spy-laura-providers", SHA256: "2"}}, ToolVersion: "devel"}
}

func TestIdentityDifferences(t *testing.T) {
	clean := identity()
	cases := []struct {
		name string
		prev Identity
		cur  Identity
		want []string
	}{
		{"the same bot, scenarios and defects are comparable", clean, clean, nil},
		{"a clean run after a defect run is not", identity("provider-leak"), clean, []string{"defects differ (provider-leak → none)"}},
		{"nor a defect run after a clean one", clean, identity("commission-leak", "provider-leak"), []string{"defects differ (none → commission-leak,provider-leak)"}},
		{"an earlier run without an identity is not", Identity{}, clean, []string{"the earlier run recorded no identity (written by an older caas)"}},
		{"another batch is not, naming what changed", clean, func() Identity {
			id := identity()
			id.Scenarios = []ScenarioDigest{{ID: "grandma-carmen-bill", SHA256: "9"}, {ID: "rage-quitter", SHA256: "3"}}
			return id
		}(), []string{"scenario sets differ (added rage-quitter; removed spy-laura-providers; edited grandma-carmen-bill)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.cur.Differences(c.prev))
		})
	}
	t.Run("a changed manifest, target or tool is comparable, and noted", func(t *testing.T) {
		cur := identity()
		cur.ManifestSHA256, cur.Target, cur.ToolVersion = "ff", "local", "v1.2.0"
		assert.Empty(t, cur.Differences(clean))
		assert.Equal(t, []string{"the manifest changed", "target embedded → local", "caas devel → v1.2.0"}, cur.Changes(clean))
	})
}

func TestTheReportsSayWhatTheRunRanAgainstWhatErroredAndWhyNothingWasCompared(t *testing.T) {
	run := currentRun()
	id := identity()
	run.Identity = &id
	run.Errored = []Errored{{ID: "wrong-product-pepe", Cause: "turn 3: POST /webhook/whatsapp: connect: connection refused"}}
	prev := previousRun()
	run.Previous = &prev
	run.Uncompared = &Uncompared{RunID: prev.RunID, Differences: []string{"defects differ (provider-leak → none)"}}
	dir := writeRun(t, run)

	got, err := ReadScores(filepath.Join(dir, ScoresFile))
	require.NoError(t, err)
	assert.Equal(t, &id, got.Identity, "scores.json carries the identity")
	assert.Equal(t, run.Errored, got.Errored)
	assert.Equal(t, run.Uncompared, got.Uncompared)
	assert.Nil(t, got.Comparison, "a run not comparable with the previous one has no comparison")

	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	for _, want := range []string{
		"Ran against: bot cambialeon (manifest sha256 abababababab), embedded target, seeded defects: none, 2 scenarios, caas devel",
		"**1 scenario(s) errored**", "- `wrong-product-pepe`: turn 3: POST /webhook/whatsapp: connect: connection refused",
		"## Not compared", "Not comparable with run 20260325-1000: defects differ (provider-leak → none)",
	} {
		assert.Contains(t, string(md), want)
	}
	assert.NotContains(t, string(md), "## Changes since", "no comparison is written")

	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	for _, want := range []string{"ran against: bot cambialeon", "1 scenario(s) errored: not scored", "not comparable with run 20260325-1000: defects differ (provider-leak → none)"} {
		assert.Contains(t, string(page), want)
	}
}
