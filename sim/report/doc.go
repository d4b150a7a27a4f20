// Package report writes a judged sim run to sim/reports/<bot>/<run-id>/:
// scores.json (stable, machine-readable, what the next run compares
// against), report.md (the seed-style summary table and every finding with
// its evidence) and report.html (one self-contained page with inline SVG
// charts: per-scenario and per-dimension scores, deltas against the
// previous run; and each scenario's conversation, read from the run's
// transcripts, with every finding at its turn). Evidence quotes and the
// conversations pass through the run's redact function before anything is
// written.
package report
