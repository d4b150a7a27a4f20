package testutil

import (
	"flag"
	"os"
	"strconv"
	"testing"
)

// Parallel is how many parallel tests a layer binary runs at once unless
// -test.parallel says otherwise. Go's default, GOMAXPROCS, suits tests that
// compute; layer tests mostly wait on a bot (a settle window, a reply
// budget, a turn of the conversation), so on a 2-core machine two waiting
// tests would leave the CPU idle while the rest queue behind them.
const Parallel = 8

// Main runs a test package and then stops the bots and drops the databases it
// started. Every layer package has:
//
//	func TestMain(m *testing.M) { testutil.Main(m) }
func Main(m *testing.M) {
	flag.Parse()
	if !flagGiven("test.parallel") {
		_ = flag.Set("test.parallel", strconv.Itoa(Parallel))
	}
	code := m.Run()
	closeShared()
	os.Exit(code)
}

// flagGiven reports whether the command line set the flag.
func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
