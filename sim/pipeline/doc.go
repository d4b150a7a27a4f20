// Package pipeline wires the sim agents together for the caas command:
// a brief becomes scenarios (writer), the scenarios are played against the
// bot (runner), every transcript is scored (judge), compared with the
// previous run of the same scenarios, and written as a report (report).
//
// A run lives in one directory, sim/reports/<bot>/<run-id>/, and holds
// everything needed to understand it again or re-judge it later:
//
//	scenarios/<id>.yaml      the scenarios as played (generated ones are
//	                         written here first: a run's scenarios never mix
//	                         into sim/scenarios/<bot>, which is reviewed,
//	                         shipped data; copy a file there to promote it)
//	transcripts/<id>.jsonl   the runner's transcripts
//	scores.json, report.md, report.html
//
// Run ids are local times, sortable: 20261125-221530 (a suffix -2, -3, ...
// when that directory exists already). Giving the id of an existing run
// resumes it: finished scenarios are skipped, unfinished ones played again.
package pipeline
