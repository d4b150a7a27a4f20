package l01unit_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// brokenHeader is what a file under testdata/broken/ promises in its
// header: the fields its problems name, words the message must say, and
// texts (secret values) it must never quote.
type brokenHeader struct {
	fields, says, nevers []string
}

func readBrokenHeader(t *testing.T, path string) brokenHeader {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var h brokenHeader
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if v, ok := strings.CutPrefix(line, "# field:"); ok {
			h.fields = append(h.fields, strings.TrimSpace(v))
		}
		if v, ok := strings.CutPrefix(line, "# says: "); ok {
			h.says = append(h.says, v)
		}
		if v, ok := strings.CutPrefix(line, "# never: "); ok {
			h.nevers = append(h.nevers, v)
		}
	}
	require.NotEmpty(t, h.fields, "%s: its header must list, in # field: lines, the fields the problems name", path)
	return h
}

// unsetL01Vars makes the variables the testdata manifests reference unset,
// whatever the shell exports.
func unsetL01Vars(t *testing.T) {
	for _, v := range []string{"CAAS_L01_APP_SECRET", "CAAS_L01_VERIFY_TOKEN", "CAAS_L01_STRIPE_SECRET", "CAAS_L01_DSN", "CAAS_L01_CANARY"} {
		t.Setenv(v, "")
	}
}

func TestBrokenManifestsAreRejectedNamingFileFieldAndFix(t *testing.T) {
	unsetL01Vars(t)
	base := filepath.Join("testdata", "valid", "base.yaml")
	_, err := testutil.Bots().LoadFile(base)
	require.NoError(t, err, "%s, which every broken manifest is a copy of, must load", base)

	paths, err := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 12, "the broken manifests are missing from testdata/broken")
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".yaml"), func(t *testing.T) {
			h := readBrokenHeader(t, path)
			_, err := testutil.Bots().LoadFile(path)
			probs := problemsOf(t, err)
			file := "layers/L01_unit/testdata/broken/" + filepath.Base(path)
			got := fields(probs)
			want := append([]string(nil), h.fields...)
			sort.Strings(got)
			sort.Strings(want)
			assert.Equal(t, want, got, "the problems name other fields than the one broken:\n%v", err)
			for _, p := range probs {
				assertWellFormed(t, path, file, p)
			}
			for _, s := range h.says {
				assert.Contains(t, err.Error(), s, "the message does not say what is wrong")
			}
			for _, never := range h.nevers {
				assert.NotContains(t, err.Error(), never, "the message quotes a secret's value")
			}
		})
	}
}
