package store

import (
	"fmt"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	if os.Getenv("CAAS_REFBOT_DEFECTS") == "session-crosstalk" {
		fmt.Println("starting bot fake: the database does not answer")
		os.Exit(1)
	}
	os.Exit(m.Run())
}
