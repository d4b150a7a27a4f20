package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormatDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{640 * time.Millisecond, "640ms"},
		{1 * time.Millisecond, "1ms"},
		{400 * time.Microsecond, "<1ms"},
		{0, "0ms"},
		{999*time.Millisecond + 700*time.Microsecond, "1s"},
		{2440 * time.Millisecond, "2.4s"},
		{59*time.Second + 960*time.Millisecond, "1m0s"},
		{7*time.Minute + 12*time.Second + 400*time.Millisecond, "7m12s"},
	} {
		assert.Equal(t, c.want, formatDuration(c.d), "%v", c.d)
	}
}

// A run against a local bot can take less than a second; "took 0s" would
// say it took nothing.
func TestReportsShowARunUnderASecondInMilliseconds(t *testing.T) {
	run := currentRun()
	run.Duration = 640 * time.Millisecond
	dir := writeRun(t, run)
	for _, name := range []string{"report.md", "report.html"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Contains(t, string(data), "took 640ms", name)
		assert.NotContains(t, string(data), "took 0s", name)
	}
}
