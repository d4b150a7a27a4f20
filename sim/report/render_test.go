package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium finds a headless-capable Chromium, or "" when none is installed.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// A real browser renders report.html from disk with the network off: the
// page must paint (charts and text, not a blank or broken page). Set
// CAAS_REPORT_SCREENSHOT=<file.png> to keep the screenshot for a look.
func TestReportHTMLRendersInAHeadlessBrowser(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium is not installed (apt-get install -y chromium); the headless render check needs it")
	}
	dir := writeRunWithTranscripts(t, withPrevious(), playedTurns())
	shot := filepath.Join(t.TempDir(), "report.png")

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--hide-scrollbars", "--user-data-dir="+t.TempDir(),
		"--screenshot="+shot, "--window-size=1200,1600", "file://"+filepath.Join(dir, "report.html"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "chromium failed: %s", out)

	data, err := os.ReadFile(shot)
	require.NoError(t, err, "no screenshot written; chromium said: %s", out)
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 1200, 1600), img.Bounds())

	// A painted page has many distinct colours (dimension bars, badges,
	// text); a blank or unstyled page has a handful.
	colours := map[uint32]bool{}
	for y := 0; y < 1600; y += 4 {
		for x := 0; x < 1200; x += 4 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[(r>>11)<<10|(g>>11)<<5|b>>11] = true
		}
	}
	assert.Greater(t, len(colours), 40, "the screenshot looks blank")

	if keep := os.Getenv("CAAS_REPORT_SCREENSHOT"); keep != "" {
		require.NoError(t, os.WriteFile(keep, data, 0o644))
	}
}
