package matrix

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

func TestTheCatalogNamesCatchingLayersForEverySeededDefectAndNoOther(t *testing.T) {
	for _, d := range defect.All {
		layers := CatalogLayers(d.Name)
		assert.NotEmpty(t, layers, "%s: add it to catalog.go and to docs/layers.md §4 with the layers that must catch it", d.Name)
		for _, n := range layers {
			assert.Regexp(t, `^(0[1-9]|1[0-3])$`, n, "%s: layer %q is not L01..L13", d.Name, n)
		}
	}
	known := map[string]bool{}
	for _, n := range defect.Names() {
		known[n] = true
	}
	for name := range catalog {
		assert.True(t, known[name], "catalog.go names %q, which refbot/defect does not know", name)
	}
}
