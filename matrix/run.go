package matrix

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
)

// Outcome is how one run of a test binary ended.
type Outcome string

const (
	Green Outcome = "green" // exit 0: every test passed or skipped
	Red   Outcome = "red"   // tests failed and the binary ended normally
	// Crashed: the binary died (a panic, an exit mid-test) or failed
	// without naming a failing test (a TestMain that could not start).
	Crashed Outcome = "crashed"
	// TimedOut: -test.timeout fired, or the binary ignored it and was killed.
	TimedOut Outcome = "timed out"
	// NoConnections: PostgreSQL refused a connection (too many clients).
	// It says nothing about the bot, so it counts neither way.
	NoConnections Outcome = "too many clients"
	// Broken: the binary could not be started or read.
	Broken Outcome = "error"
)

// A Run is one execution of one layer's test binary against one bot, with
// one defect switched on ("" = the clean bot).
type Run struct {
	Bot     string        `json:"bot"`
	Layer   string        `json:"layer"` // "04"
	Defect  string        `json:"defect,omitempty"`
	Outcome Outcome       `json:"outcome"`
	Detail  string        `json:"detail,omitempty"` // why it crashed, timed out or errored
	Tests   []*TestResult `json:"tests"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// SharedWith names the bot whose run this is a view of, for a layer
	// that tests every bot in one binary ("" = the run was this bot's own).
	SharedWith string `json:"shared_with,omitempty"`
}

// Failed returns the top-level tests that failed.
func (r *Run) Failed() []*TestResult {
	var out []*TestResult
	for _, t := range r.Tests {
		if t.Status == Failed {
			out = append(out, t)
		}
	}
	return out
}

// test returns the named top-level test, or nil.
func (r *Run) test(name string) *TestResult {
	for _, t := range r.Tests {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// runSpec is what runBinary needs to run one layer once.
type runSpec struct {
	bin, dir, test2json string
	bot, layer, defect  string
	timeout             time.Duration // -test.timeout; the binary is killed a minute later
}

// killGrace is how long a binary may outlive its own -test.timeout (the
// testing package's timeout panic prints the running tests) before it is
// killed.
const killGrace = time.Minute

// runBinary runs one test binary in its package directory, its output read
// through test2json, with CAAS_BOT and CAAS_REFBOT_DEFECTS set for the run
// alone (whatever the caller's environment says).
func runBinary(ctx context.Context, s runSpec) *Run {
	start := time.Now()
	run := &Run{Bot: s.bot, Layer: s.layer, Defect: s.defect}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, s.timeout+killGrace)
	defer cancel()

	bin := exec.CommandContext(ctx, s.bin, "-test.v=test2json", "-test.count=1", "-test.timeout="+s.timeout.String())
	bin.Dir = s.dir
	bin.Env = runEnv(s.bot, s.defect)
	bin.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	bin.Cancel = func() error { return syscall.Kill(-bin.Process.Pid, syscall.SIGKILL) }
	bin.WaitDelay = 10 * time.Second

	pr, pw, err := os.Pipe()
	if err != nil {
		return run.broken(start, fmt.Errorf("creating a pipe: %w", err))
	}
	bin.Stdout, bin.Stderr = pw, pw
	conv := exec.Command(s.test2json, "-p", filepath.Base(s.dir))
	conv.Stdin = pr
	convOut, err := conv.StdoutPipe()
	if err != nil {
		pr.Close()
		pw.Close()
		return run.broken(start, fmt.Errorf("reading test2json: %w", err))
	}
	if err := conv.Start(); err != nil {
		pr.Close()
		pw.Close()
		return run.broken(start, fmt.Errorf("starting test2json: %w", err))
	}
	pr.Close() // test2json holds its own copy
	if err := bin.Start(); err != nil {
		pw.Close()
		_ = conv.Wait()
		return run.broken(start, fmt.Errorf("starting %s: %w", s.bin, err))
	}
	pw.Close() // the binary holds its own copy; test2json sees EOF when it exits

	tr, parseErr := parseTranscript(convOut)
	waitErr := bin.Wait()
	convErr := conv.Wait()
	run.Elapsed = time.Since(start)
	run.Tests = tr.Tests
	if parseErr != nil {
		return run.broken(start, parseErr)
	}
	if convErr != nil {
		var exit *exec.ExitError
		if !errors.As(convErr, &exit) {
			return run.broken(start, fmt.Errorf("test2json: %w", convErr))
		}
	}
	if parent.Err() != nil {
		return run.broken(start, fmt.Errorf("interrupted: %w", parent.Err()))
	}
	killed := ctx.Err() != nil
	classify(run, tr, exitCode(waitErr), killed, s.timeout+killGrace)
	return run
}

// exitCode is the binary's exit status: 0, its code, or -1 when it was
// killed by a signal or could not be waited for.
func exitCode(waitErr error) int {
	if waitErr == nil {
		return 0
	}
	var exit *exec.ExitError
	if errors.As(waitErr, &exit) {
		return exit.ExitCode()
	}
	return -1
}

func (r *Run) broken(start time.Time, err error) *Run {
	r.Outcome, r.Detail, r.Elapsed = Broken, err.Error(), time.Since(start)
	return r
}

// classify decides the run's outcome from the exit status and transcript.
func classify(run *Run, tr *transcript, exitCode int, killed bool, killedAfter time.Duration) {
	running := tr.running()
	switch {
	case killed:
		run.Outcome = TimedOut
		run.Detail = fmt.Sprintf("killed after %s, past its own -test.timeout", killedAfter.Round(time.Second))
		if len(running) > 0 {
			run.Detail += "; running: " + strings.Join(running, ", ")
		}
	case exitCode == 0:
		run.Outcome = Green
		if len(run.Failed()) > 0 { // cannot happen with the testing package; do not hide it if it does
			run.Outcome = Red
		}
	case tr.TooManyClients != "":
		run.Outcome, run.Detail = NoConnections, tr.TooManyClients
	case tr.TimedOut != "":
		run.Outcome, run.Detail = TimedOut, tr.TimedOut
		if len(running) > 0 {
			run.Detail += "; running: " + strings.Join(running, ", ")
		}
	case tr.Panic != "" || len(running) > 0:
		run.Outcome = Crashed
		run.Detail = tr.Panic
		if run.Detail == "" {
			run.Detail = fmt.Sprintf("exit status %d", exitCode)
			if l := tr.lastLine(); l != "" {
				run.Detail += ": " + l
			}
		}
		if len(running) > 0 {
			run.Detail += "; running: " + strings.Join(running, ", ")
		}
	case len(run.Failed()) > 0:
		run.Outcome = Red
	default:
		run.Outcome = Crashed
		run.Detail = fmt.Sprintf("exit status %d and no test failed", exitCode)
		if l := tr.lastLine(); l != "" {
			run.Detail += ": " + l
		}
	}
}

// runEnv is the caller's environment with the bot and the defect set for
// one run: an inherited CAAS_REFBOT_DEFECTS must not leak into the clean run.
func runEnv(bot, defect string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "CAAS_BOT=") || strings.HasPrefix(kv, botclient.DefectsEnv+"=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "CAAS_BOT="+bot, botclient.DefectsEnv+"="+defect)
}
