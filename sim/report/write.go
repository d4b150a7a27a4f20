package report

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes a run's report files into <root>/<bot>/<run-id>/ (root is
// usually sim/reports): scores.json, report.md and report.html. Results are
// sorted by scenario id and redacted with run.Redact first; the comparison
// is computed from run.Previous when run.Comparison is nil. Each file is
// written to a temporary name and renamed, so a reader never sees half a
// report.
func Write(root string, run Run) error {
	if err := run.validate(); err != nil {
		return err
	}
	r := run.prepared()
	dir := Dir(root, r.Bot, r.RunID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: creating %s: %w", dir, err)
	}
	scores, err := marshalScores(r)
	if err != nil {
		return err
	}
	page, err := renderHTML(r, readTranscripts(dir, r.Transcripts))
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{"report.md", []byte(markdown(r))},
		{"report.html", page},
		{ScoresFile, scores}, // last: its presence marks the run as complete for Previous
	}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	return nil
}
