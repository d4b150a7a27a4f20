package testutil

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/caas-testing/caas-testing/bots"
)

// The environment check. One mistake in the environment (an unset ${VAR}
// in a copied manifest, a wrong CAAS_DATABASE_URL, a bot that is not
// running) would otherwise fail every test of a package with the same
// message, and hundreds of lines hide the one that matters. So in a
// package run by Main, the first test that needs the manifest or the bot
// checks it, once per bot (the manifest loads and validates, every ${VAR}
// its target needs is set; the database server answers; the bot starts,
// or a local one is reachable and healthy), and when the check fails the
// package stops there: one line naming the fix on stderr, exit 1, no test
// after it. The check waits for the first test that needs it rather than
// running before m.Run, so -list, a -run that matches nothing and tests
// that need no bot run in any environment, and a package pays for no bot
// its tests do not use (sim/runner uses cambialeon whatever -bot says).

// A MainOption changes how Main's environment check treats a failure.
type MainOption func(*environment)

// ManifestTestedBy is for a package whose subject is the manifest itself
// (L01): a broken manifest is then not a broken environment but the
// finding, and test (a top-level test name) reports it as a normal
// failure, every problem listed; the other tests that need the manifest
// skip, naming that test. When test does not run (-run leaves it out),
// Main reports the manifest in one line after the tests, and the package
// fails. A bot that cannot be reached fails the first test that needs it,
// with the one line, and the later ones skip naming it, so the tests that
// need no bot still run.
func ManifestTestedBy(test string) MainOption {
	return func(e *environment) { e.manifestTest = test }
}

// environment is the state of the check for the test binary.
type environment struct {
	armed        bool   // Main runs this package: a broken environment stops it
	manifestTest string // see ManifestTestedBy; "" = a failure stops the package
	stop         sync.Once

	mu       sync.Mutex
	reporter map[string]string // a failure's line -> the test that failed with it
	skipped  []string          // lines of failures tests skipped on, in order
}

var env environment

// arm is Main's: from now on a broken environment is reported once.
func (e *environment) arm(opts []MainOption) {
	for _, o := range opts {
		o(e)
	}
	e.reporter = map[string]string{}
	e.armed = true
}

// manifestFailed handles a manifest that does not load (err from
// LoadManifest) in test t; it does not return.
func (e *environment) manifestFailed(t testing.TB, bot string, err error) {
	t.Helper()
	if !e.armed {
		t.Fatalf("%v", err)
	}
	line := e.line(bot, nil, err)
	if e.manifestTest == "" {
		e.stopPackage(line)
	}
	if rootTest(t) == e.manifestTest {
		e.claim(line, t.Name())
		t.Fatalf("%v", err)
	}
	e.mu.Lock()
	e.skipped = append(e.skipped, line)
	e.mu.Unlock()
	t.Skipf("the manifest of %s does not load; %s fails with its problems", bot, e.manifestTest)
}

// botFailed handles a bot that could not be started or reached (err) in
// test t; it does not return.
func (e *environment) botFailed(t testing.TB, m *bots.Manifest, err error) {
	t.Helper()
	if !e.armed {
		t.Fatalf("starting bot %s: %v", m.Name, err)
	}
	line := e.line(m.Name, m, err)
	if e.manifestTest == "" {
		e.stopPackage(line)
	}
	if by := e.claim(line, t.Name()); by != t.Name() {
		t.Skipf("bot %s cannot be reached; %s fails with why", m.Name, by)
	}
	t.Fatal(line)
}

// stopPackage prints line and ends the test binary with exit status 1,
// dropping the databases of the bots it started. Every test waiting on the
// same check gets here at once: the first prints and exits, the others
// wait inside Do for the exit.
func (e *environment) stopPackage(line string) {
	e.stop.Do(func() {
		fmt.Fprintln(os.Stderr, line)
		closeShared()
		os.Exit(1)
	})
}

// claim records test as the reporter of line unless one already is, and
// returns the reporter.
func (e *environment) claim(line, test string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if by, ok := e.reporter[line]; ok {
		return by
	}
	e.reporter[line] = test
	return test
}

// unreported are the failures tests skipped on that no test failed with
// (ManifestTestedBy's test did not run), for Main to print.
func (e *environment) unreported() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	seen := map[string]bool{}
	for _, l := range e.skipped {
		if _, ok := e.reporter[l]; !ok && !seen[l] {
			out = append(out, l)
			seen[l] = true
		}
	}
	return out
}

// line is a failure on one line: the package, the bot, the cause with its
// fix. A manifest's problems are one line each already; the first is
// given, and how many more there are (caas bots lists them all). Secrets
// never reach it: a manifest problem never quotes one, the database
// server's error hides the password, and m.Redact takes the rest.
func (e *environment) line(bot string, m *bots.Manifest, err error) string {
	msg := err.Error()
	var probs bots.Problems
	if errors.As(err, &probs) && len(probs) > 0 {
		msg = probs[0].Error()
		if len(probs) > 1 {
			msg += fmt.Sprintf(" (and %d more problems; go run ./cmd/caas bots lists them)", len(probs)-1)
		}
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if m != nil {
		msg = m.Redact(msg)
	}
	return fmt.Sprintf("%s: cannot test %s: %s", packageLabel(), bot, msg)
}

// rootTest is the top-level test t belongs to.
func rootTest(t testing.TB) string {
	name, _, _ := strings.Cut(t.Name(), "/")
	return name
}
