package every

import (
	"os"
	"testing"
)

// Like the real L12, every test runs every bot as a subtest, whatever
// CAAS_BOT says.
var bots = []string{"fake", "other"}

func TestStopOptsOut(t *testing.T) {
	for _, bot := range bots {
		t.Run(bot, func(t *testing.T) {
			if os.Getenv("CAAS_REFBOT_DEFECTS") == "no-optout" && bot == "other" {
				t.Errorf("%s kept writing after STOP", bot)
			}
		})
	}
}

func TestAHumanIsOffered(t *testing.T) {
	for _, bot := range bots {
		t.Run(bot, func(t *testing.T) {
			t.Run("in_es", func(t *testing.T) {
				if os.Getenv("CAAS_REFBOT_DEFECTS") == "no-handoff" {
					t.Errorf("no handoff offered")
				}
			})
		})
	}
}
