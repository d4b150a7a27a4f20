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

	byName    map[string]*TestResult
	firstLine map[string]string // first message line of each (sub)test
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
	tr := &transcript{byName: map[string]*TestResult{}, firstLine: map[string]string{}}
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
		if e.Action == "fail" && r.Failure == "" {
			if msg := tr.firstLine[e.Test]; msg != "" {
				r.Failure = msg
				if isSub {
					r.Failure = strings.TrimPrefix(e.Test, top+"/") + ": " + msg
				}
			}
		}
		if !isSub {
			r.Status = TestStatus(e.Action)
			r.Elapsed = time.Duration(e.Elapsed * float64(time.Second))
		}
		delete(tr.firstLine, e.Test)
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
	if test != "" && tr.firstLine[test] == "" && !isFraming(trimmed) {
		tr.firstLine[test] = trimmed
	}
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
