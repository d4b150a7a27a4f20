package sim

import (
	"os"
	"testing"
)

func TestLoopingRepliesLoseRecoveryPoints(t *testing.T) {
	if os.Getenv("CAAS_REFBOT_DEFECTS") == "loop-reply" {
		t.Error("recovery 10/10 for a looping bot")
	}
}
