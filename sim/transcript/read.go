package transcript

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNoHeader is returned for a file that holds no complete header line:
// empty, or cut while its first line was being written.
var ErrNoHeader = errors.New("no header line")

// Read reads a transcript file back. A last line cut mid-write (no newline
// at its end and not valid JSON) is dropped: it is the turn that was in
// flight when the runner stopped. Any other bad line is an error naming the
// file and the line. A transcript without an end line has End nil: the run
// that wrote it was interrupted.
func Read(path string) (*Transcript, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading transcript: %w", err)
	}
	defer f.Close()
	t, err := decode(f, path)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Decode reads a transcript from r, as Read does from a file.
func Decode(r io.Reader) (*Transcript, error) { return decode(r, "transcript") }

func decode(r io.Reader, name string) (*Transcript, error) {
	br := bufio.NewReader(r)
	t := &Transcript{}
	header := false
	for n := 1; ; n++ {
		line, readErr := br.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			return nil, fmt.Errorf("%s:%d: %w", name, n, readErr)
		}
		complete := readErr == nil // ends with a newline
		if text := bytes.TrimSpace(line); len(text) > 0 {
			err := decodeLine(t, text, &header)
			if err != nil && !complete && !json.Valid(text) {
				break // cut mid-write: the turn in flight is lost, nothing else
			}
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
		}
		if !complete {
			break
		}
	}
	if !header {
		return nil, fmt.Errorf("%s: %w; the runner writes one first, so this file was cut before its first line was complete: play the scenario again", name, ErrNoHeader)
	}
	return t, nil
}

// decodeLine adds one JSON line to t, checking the order of the kinds.
func decodeLine(t *Transcript, text []byte, header *bool) error {
	var k struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(text, &k); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	if !*header && k.Kind != KindHeader {
		return fmt.Errorf("the first line is of kind %q; a transcript starts with its %q line", k.Kind, KindHeader)
	}
	if t.End != nil {
		return fmt.Errorf("a %q line after the %q line; the end line is the last", k.Kind, KindEnd)
	}
	var err error
	switch k.Kind {
	case KindHeader:
		if *header {
			return fmt.Errorf("a second %q line; a transcript holds one scenario", KindHeader)
		}
		err = json.Unmarshal(text, &t.Header)
		*header = true
	case KindTurn:
		var tn Turn
		if err = json.Unmarshal(text, &tn); err == nil {
			t.Turns = append(t.Turns, tn)
		}
	case KindEnd:
		t.End = &End{}
		err = json.Unmarshal(text, t.End)
	default:
		return fmt.Errorf("unknown kind %q; want %q, %q or %q", k.Kind, KindHeader, KindTurn, KindEnd)
	}
	if err != nil {
		return fmt.Errorf("a %q line: %w", k.Kind, err)
	}
	return nil
}
