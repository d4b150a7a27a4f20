package testutil

import (
	"os"

	"github.com/caas-testing/caas-testing/sim/scenario"
)

// ScenarioRoot is the root of the bots' scenario directories for the suite,
// for scenario.Dir and scenario.LoadBot: $CAAS_SCENARIOS_DIR, "" (unset)
// meaning sim/scenarios under the module root.
func ScenarioRoot() string { return os.Getenv(scenario.EnvDir) }
