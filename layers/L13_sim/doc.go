// Package l13sim runs the sim framework as tests against the bot chosen with
// -bot: every scenario of the bot (sim/scenarios/<bot>) validates and is
// played once per test binary by the scripted customer, each as a subtest,
// with the judge's score table in the test log; the scores are held to the
// golden file testdata/<bot>.golden (±2 points, -update rewrites it) and a
// drop fails with the finding that caused it. Around that: the rubric's
// weights and ranges, known-bad transcripts that must score low on the right
// dimension with a quote, phase correctness taken from the database's phase
// path and never from the text, seeded defects (provider-leak, claims-human,
// loop-reply, phase-skip) that must cost points on their dimension, and runs
// that reproduce their scores.
package l13sim
