package matrix

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// TestStatus is how one top-level test ended.
type TestStatus string

const (
	Passed  TestStatus = "pass"
	Failed  TestStatus = "fail"
	Skipped TestStatus = "skip"
	// Unfinished: the test started and never ended, because the binary
	// panicked, exited or timed out while it ran.
	Unfinished TestStatus = "unfinished"
)

// A TestResult is one top-level test of a run.
type TestResult struct {
	Name    string        `json:"name"`
	Status  TestStatus    `json:"status"`
	Failure string        `json:"failure,omitempty"` // the first failing (sub)test's first message line
	Elapsed time.Duration `json:"elapsed_ns"`
	// Parts are the test's first-level subtests, and FailedParts those that
	// failed with their failure lines: a layer that runs every bot names
	// these after the bots (TestX/voyachat), which tells whose run failed.
	Parts       []string          `json:"-"`
	FailedParts map[string]string `json:"failed_parts,omitempty"`
}

// A transcript is what one test binary printed, read through test2json:
// the top-level tests and the lines that tell a crash, a timeout or a
// database out of connections from a test's failure.
type transcript struct {
	Tests          []*TestResult
	Panic          string   // the first "panic: " or "fatal error: " line
	TimedOut       string   // the testing package's "panic: test timed out after ..." line
	TooManyClients string   // the first line where PostgreSQL refused a connection
	Tail           []string // the last lines of output, for a crash nobody explained

	byName   map[string]*TestResult
	messages map[string][]string // first message lines of each (sub)test still running
}

// event is one line of test2json output (see go doc test2json).
type event struct {
	Action  string
	Test    string
	Output  string
	Elapsed float64
}

const tailLines = 20

// parseTranscript reads test2json's JSON lines to the end. A line that is
// not JSON (test2json's own complaint) is kept in the tail.
func parseTranscript(r io.Reader) (*transcript, error) {
	tr := &transcript{byName: map[string]*TestResult{}, messages: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			tr.output("", string(line))
			continue
		}
		tr.event(e)
	}
	if err := sc.Err(); err != nil {
		return tr, fmt.Errorf("reading test2json output: %w", err)
	}
	return tr, nil
}

func (tr *transcript) event(e event) {
	top, _, isSub := strings.Cut(e.Test, "/")
	switch e.Action {
	case "run":
		if e.Test != "" && !isSub && tr.byName[top] == nil {
			r := &TestResult{Name: top, Status: Unfinished}
			tr.byName[top] = r
			tr.Tests = append(tr.Tests, r)
		}
		if r := tr.byName[top]; r != nil && isSub && !strings.Contains(strings.TrimPrefix(e.Test, top+"/"), "/") {
			r.Parts = append(r.Parts, strings.TrimPrefix(e.Test, top+"/"))
		}
	case "output":
		tr.output(e.Test, e.Output)
	case "pass", "fail", "skip":
		if e.Test == "" {
			return // the package's verdict: the exit status says it better
		}
		r := tr.byName[top]
		if r == nil {
			return
		}
		if e.Action == "fail" {
			msg := failureLine(tr.messages[e.Test])
			rest := strings.TrimPrefix(e.Test, top+"/")
			if r.Failure == "" && msg != "" {
				r.Failure = msg
				if isSub {
					r.Failure = rest + ": " + msg
				}
			}
			if isSub {
				part, below, deeper := strings.Cut(rest, "/")
				if r.FailedParts == nil {
					r.FailedParts = map[string]string{}
				}
				if prev, seen := r.FailedParts[part]; !seen || (prev == "" && msg != "") {
					r.FailedParts[part] = msg
					if deeper && msg != "" {
						r.FailedParts[part] = below + ": " + msg
					}
				}
			}
		}
		if !isSub {
			r.Status = TestStatus(e.Action)
			if e.Elapsed > 0 {
				r.Elapsed = time.Duration(e.Elapsed * float64(time.Second))
			}
		}
		delete(tr.messages, e.Test)
	}
}

func (tr *transcript) output(test, out string) {
	line := strings.TrimRight(out, "\n")
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return
	}
	tr.Tail = append(tr.Tail, line)
	if len(tr.Tail) > tailLines {
		tr.Tail = tr.Tail[len(tr.Tail)-tailLines:]
	}
	switch {
	case strings.HasPrefix(trimmed, "panic: test timed out after"):
		if tr.TimedOut == "" {
			tr.TimedOut = trimmed
		}
	case strings.HasPrefix(trimmed, "panic: "), strings.HasPrefix(trimmed, "fatal error: "):
		if tr.Panic == "" {
			tr.Panic = trimmed
		}
	}
	if tr.TooManyClients == "" && (strings.Contains(trimmed, "too many clients") || strings.Contains(trimmed, "SQLSTATE 53300")) {
		tr.TooManyClients = trimmed
	}
	if r := tr.byName[test]; r != nil && strings.HasPrefix(trimmed, "--- ") {
		r.Elapsed = framedElapsed(trimmed, r.Elapsed)
	}
	if test != "" && len(tr.messages[test]) < messageLines && !isFraming(trimmed) {
		tr.messages[test] = append(tr.messages[test], trimmed)
	}
}

// messageLines is how many lines of a test's messages are kept to explain
// its failure: enough for a testify assertion block.
const messageLines = 12

// failureLine says in one line why a test failed: its first message
// ("x_test.go:40: got 500, want 200"), or, for a testify assertion whose
// first line is only the location, the location with the assertion's Error
// and Messages fields.
func failureLine(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return clip(explain(lines), failureMax)
}

// failureMax bounds a failure line: enough to see what went wrong, not a
// whole reply quoted in it.
const failureMax = 400

func explain(lines []string) string {
	first := lines[0]
	if !strings.HasSuffix(first, ":") {
		return first
	}
	var parts []string
	for _, l := range lines[1:] {
		for _, field := range []string{"Error:", "Messages:"} {
			if v, ok := strings.CutPrefix(l, field); ok {
				parts = append(parts, strings.TrimSpace(v))
			}
		}
	}
	if len(parts) == 0 {
		if len(lines) > 1 {
			return first + " " + lines[1]
		}
		return first
	}
	return first + " " + strings.Join(parts, " — ")
}

// isFraming reports whether a line is the testing package's own framing
// (=== RUN, --- FAIL: ...) rather than a test's message.
func isFraming(trimmed string) bool {
	for _, p := range []string{"=== ", "--- PASS", "--- FAIL", "--- SKIP", "PASS", "FAIL", "ok "} {
		if strings.HasPrefix(trimmed, p) {
			return true
		}
	}
	return false
}

// framedElapsed reads the time of a "--- PASS: TestX (1.23s)" line (the
// test2json of this toolchain leaves Elapsed out when it reads a stream).
func framedElapsed(line string, otherwise time.Duration) time.Duration {
	open := strings.LastIndex(line, "(")
	if open < 0 || !strings.HasSuffix(line, "s)") {
		return otherwise
	}
	d, err := time.ParseDuration(line[open+1 : len(line)-1])
	if err != nil {
		return otherwise
	}
	return d
}

// running returns the tests that never ended.
func (tr *transcript) running() []string {
	var out []string
	for _, t := range tr.Tests {
		if t.Status == Unfinished {
			out = append(out, t.Name)
		}
	}
	return out
}

// lastLine is the last line of output, for a binary that failed without
// saying which test failed (a TestMain that could not start the bot).
func (tr *transcript) lastLine() string {
	for i := len(tr.Tail) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(tr.Tail[i]); l != "" && !isFraming(l) && !strings.HasPrefix(l, "exit status") {
			return l
		}
	}
	return ""
}
