package testutil

import (
	"flag"
	"fmt"
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
//
// Under Main a broken environment (a manifest that does not load, a
// database or bot that does not answer) stops the package with one line
// naming the fix, instead of failing every test with it (precheck.go);
// opts change that for a package whose subject is the manifest
// (ManifestTestedBy).
func Main(m *testing.M, opts ...MainOption) {
	flag.Parse()
	if !flagGiven("test.parallel") {
		_ = flag.Set("test.parallel", strconv.Itoa(Parallel))
	}
	env.arm(opts)
	code := m.Run()
	for _, line := range env.unreported() {
		fmt.Fprintln(os.Stderr, line)
		code = 1
	}
	closeShared()
	os.Exit(code)
}

// flagGiven reports whether the command line set the flag.
func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
