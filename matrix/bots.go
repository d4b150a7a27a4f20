package matrix

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
)

// ResolveBots turns -bot into the bots to run: "all" (or "") is every bot
// that manifests reads whose target is the embedded reference bot, since a
// seeded defect can only be switched on in a bot the tests start themselves;
// a named bot must be one of those. skipped names the bots left out, with
// the reason.
func ResolveBots(manifests bots.Loader, spec string) (run []string, skipped map[string]string, err error) {
	names, err := manifests.Names()
	if err != nil {
		return nil, nil, err
	}
	skipped = map[string]string{}
	embedded := map[string]bool{}
	for _, n := range names {
		m, err := manifests.Load(n)
		if err != nil {
			return nil, nil, fmt.Errorf("bot %s: %w", n, err)
		}
		if m.Target.Kind == bots.TargetEmbedded {
			embedded[n] = true
		} else {
			skipped[n] = fmt.Sprintf("its target is %s; seeded defects need target: embedded", m.Target.Kind)
		}
	}
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "all" {
		for _, n := range names {
			if embedded[n] {
				run = append(run, n)
			}
		}
		if len(run) == 0 {
			return nil, skipped, fmt.Errorf("no bot in %s has target: embedded; the defect matrix needs the reference bot", manifests.Directory())
		}
		return run, skipped, nil
	}
	for _, n := range strings.Split(spec, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if why, ok := skipped[n]; ok {
			return nil, nil, fmt.Errorf("bot %s: %s", n, why)
		}
		if !embedded[n] {
			return nil, nil, fmt.Errorf("unknown bot %q; bots in %s: %s", n, manifests.Directory(), strings.Join(names, " "))
		}
		run = append(run, n)
	}
	return run, nil, nil
}
