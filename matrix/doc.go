// Package matrix proves the layered suite catches the reference bot's seeded
// defects: it builds each layer's test binary once, runs every layer against
// the clean bot (which must be green) and the layers against the bot with one
// defect switched on at a time (each defect must turn at least one test red),
// and reports, per defect and bot, the tests that caught it beside the layers
// docs/layers.md §4 says should. A binary that crashes or times out counts as
// red for its defect but is told apart from a test's failure, because a crash
// proves less than a named check. It is the engine of `caas defects`, the CI
// gate that keeps the suite honest.
package matrix
