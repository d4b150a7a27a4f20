package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Writer writes one transcript line by line: Header first, a Turn per
// customer message, End last. Each line reaches the file in a single write
// as soon as it is given (nothing is buffered), so a crash loses at most the
// line being written; End and Close also fsync the file. Every text passes
// through the redact function first. A Writer is not safe for concurrent use:
// one scenario, one writer.
type Writer struct {
	w      io.Writer
	f      *os.File // nil when writing to something that is not a file
	redact func(string) string
	header bool
	ended  bool
	closed bool
}

// Create creates (or truncates) the transcript file at path, making its
// directory if needed. redact may be nil.
func Create(path string, redact func(string) string) (*Writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating the transcript directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("creating transcript: %w", err)
	}
	w := NewWriter(f, redact)
	w.f = f
	return w, nil
}

// NewWriter writes a transcript to w. redact may be nil.
func NewWriter(w io.Writer, redact func(string) string) *Writer {
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &Writer{w: w, redact: redact}
}

// Header writes the first line. Its Kind is set for the caller.
func (w *Writer) Header(h Header) error {
	if w.header {
		return errors.New("transcript: the header is already written")
	}
	r := w.redact
	h.Kind = KindHeader
	h.ScenarioID, h.Bot, h.RunID, h.Phone = r(h.ScenarioID), r(h.Bot), r(h.RunID), r(h.Phone)
	h.Category, h.Persona, h.Language = r(h.Category), r(h.Persona), r(h.Language)
	if err := w.line(h); err != nil {
		return err
	}
	w.header = true
	return nil
}

// Turn writes one turn. Its Kind is set for the caller; t's slices are not
// modified.
func (w *Writer) Turn(t Turn) error {
	if err := w.ready(KindTurn); err != nil {
		return err
	}
	r := w.redact
	t.Kind = KindTurn
	t.Customer, t.Source, t.State, t.Phase = r(t.Customer), r(t.Source), r(t.State), r(t.Phase)
	t.Replies = redactAll(r, t.Replies)
	t.Parts = redactAll(r, t.Parts)
	if t.Replies == nil {
		t.Replies = []string{} // "replies": [] reads better than null for a silent bot
	}
	return w.line(t)
}

// End writes the last line and syncs the file to disk.
func (w *Writer) End(e End) error {
	if err := w.ready(KindEnd); err != nil {
		return err
	}
	e.Kind = KindEnd
	e.PhasePath = redactAll(w.redact, e.PhasePath)
	if e.PhasePath == nil {
		e.PhasePath = []string{}
	}
	e.Error = w.redact(e.Error)
	if err := w.line(e); err != nil {
		return err
	}
	w.ended = true
	return w.Sync()
}

// Sync flushes the file to disk (a no-op for a writer that is not a file).
func (w *Writer) Sync() error {
	if w.f == nil || w.closed {
		return nil
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("transcript: syncing %s: %w", w.f.Name(), err)
	}
	return nil
}

// Close syncs and closes the file. A transcript closed without End stays
// readable: Read gives it a nil End, and the runner plays it again on resume.
// Closing twice is harmless.
func (w *Writer) Close() error {
	if w.f == nil || w.closed {
		return nil
	}
	err := w.Sync()
	w.closed = true
	if cerr := w.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("transcript: closing %s: %w", w.f.Name(), cerr)
	}
	return err
}

func (w *Writer) ready(kind string) error {
	switch {
	case w.closed:
		return fmt.Errorf("transcript: a %s line after Close", kind)
	case !w.header:
		return fmt.Errorf("transcript: a %s line before the header; call Header first", kind)
	case w.ended:
		return fmt.Errorf("transcript: a %s line after the end line", kind)
	}
	return nil
}

// line writes v as one JSON line in a single write.
func (w *Writer) line(v any) error {
	if w.closed {
		return errors.New("transcript: write after Close")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // customer text with <script> stays readable in the file
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("transcript: encoding a line: %w", err)
	}
	if _, err := w.w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("transcript: writing a line: %w", err)
	}
	return nil
}

func redactAll(r func(string) string, in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = r(s)
	}
	return out
}
