package testutil

import (
	"os"
	"testing"
)

// Main runs a test package and then stops the bots and drops the databases it
// started. Every layer package has:
//
//	func TestMain(m *testing.M) { testutil.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	closeShared()
	os.Exit(code)
}
