package matrix

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLayersAreFoundByDirectoryNameAndSelectedTheWayRunTestsShReadsThem(t *testing.T) {
	all, err := FindLayers("testdata/fakerepo")
	require.NoError(t, err)
	var names []string
	for _, l := range all {
		names = append(names, l.Package())
	}
	assert.Equal(t, []string{"L03_store", "L04_hooks", "L05_empty", "L12_every", "L13_sim"}, names)

	cases := []struct{ spec, want string }{
		{"", "L03 L04 L05 L12 L13"}, // the sim layer only when asked
		{"04", "L04"},
		{"L04,13", "L04 L13"},
		{"hooks, store", "L03 L04"},
		{"L13_sim", "L13"},
		{"13_sim", "L13"},
	}
	for _, c := range cases {
		got, err := SelectLayers(all, c.spec)
		require.NoError(t, err, c.spec)
		var ids []string
		for _, l := range got {
			ids = append(ids, l.ID())
		}
		assert.Equal(t, c.want, strings.Join(ids, " "), "-layers %q", c.spec)
	}
}

func TestAnUnknownLayerIsRefusedWithTheKnownOnes(t *testing.T) {
	all, err := FindLayers("testdata/fakerepo")
	require.NoError(t, err)
	_, err = SelectLayers(all, "04,99")
	require.Error(t, err)
	assert.Equal(t, `unknown layer "99"; known layers: L03_store L04_hooks L05_empty L12_every L13_sim`, err.Error())
}
