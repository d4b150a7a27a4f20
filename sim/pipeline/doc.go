// Package pipeline wires the sim agents together for the caas command:
// a brief becomes scenarios (writer), the scenarios are played against the
// bot (runner), every transcript is scored (judge), compared with the
// previous comparable run, and written as a report (report).
//
// A run lives in one directory, sim/reports/<bot>/<run-id>/, and holds
// everything needed to understand it again or re-judge it later:
//
//	scenarios/<id>.yaml      the scenarios as played (generated ones are
//	                         written here first: a run's scenarios never mix
//	                         into sim/scenarios/<bot>, which is reviewed,
//	                         shipped data; copy a file there to promote it)
//	transcripts/<id>.jsonl   the runner's transcripts
//	identity.json            what the run plays against: bot, manifest
//	                         hash, target, seeded defects, scenario
//	                         digests, tool version (also in scores.json)
//	scores.json, report.md, report.html
//
// Run ids are local times, sortable: 20261125-221530 (a suffix -2, -3, ...
// when that directory exists already). Giving the id of an existing run
// resumes it: scored scenarios are skipped, unfinished and errored ones
// played again; a resume must play against the same target and seeded
// defects.
//
// Scored or errored: a scenario whose play failed outside the bot's
// conversation (the transport, the harness, the tool's timeout) is errored
// (sim/runner): listed with its cause, left out of the averages and the
// comparison, never a regression. Runs are compared only when they are
// comparable (the same bot, scenario set and seeded defects,
// report.Identity.Differences); otherwise the report names the run it
// could not be compared with and what differs. Summary.Verdict holds the
// scored scenarios to a Gate (a minimum score, failing severities,
// regressions), which the caas command turns into its exit code.
package pipeline
