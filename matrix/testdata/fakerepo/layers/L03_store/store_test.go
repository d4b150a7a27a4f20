package store

import (
	"os"
	"testing"
)

func TestStoreKeepsSessions(t *testing.T) {
	if os.Getenv("CAAS_REFBOT_DEFECTS") == "lost-on-restart" {
		t.Fatal("restart_test.go:12: session gone after restart")
	}
}

func TestStoreFailsOnTheCleanBotWhenAsked(t *testing.T) {
	if os.Getenv("FAKE_CLEAN_RED") != "" {
		t.Error("the clean bot is broken on purpose")
	}
}
