package l01unit_test

import (
	"testing"

	"github.com/caas-testing/caas-testing/testutil"
)

// L01's subject is the manifest: a broken one is its finding, reported by
// the test that loads it, not a broken environment that stops the package
// (the other tests that need the manifest skip, naming that test).
func TestMain(m *testing.M) {
	testutil.Main(m, testutil.ManifestTestedBy("TestTheBotsManifestLoadsAndValidates"))
}
