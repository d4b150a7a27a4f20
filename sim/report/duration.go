package report

import (
	"fmt"
	"time"
)

// formatDuration is how long a run took, for a person: a run of a few turns
// against a local bot takes well under a second, which time.Duration
// rounded to seconds shows as "0s". So: milliseconds under a second
// ("640ms"), tenths under a minute ("2.4s"), whole seconds above ("7m12s").
func formatDuration(d time.Duration) string {
	if d <= 0 {
		return "0ms"
	}
	if d < time.Millisecond {
		return "<1ms"
	}
	if ms := d.Round(time.Millisecond); ms < time.Second {
		return fmt.Sprintf("%dms", ms.Milliseconds())
	}
	if tenths := d.Round(100 * time.Millisecond); tenths < time.Minute {
		return tenths.String()
	}
	return d.Round(time.Second).String()
}
