// Package writer turns a one-line brief ("5 scenarios for cambialeon", "3
// security scenarios for voyachat", "2 hostile and 1 multilingual") into sim
// scenarios. The offline writer is a seeded generator over the persona and
// tactic library (sim/library): the same seed gives the same bytes, another
// seed other people, and every batch honours docs/scenarios.md §2 (6–8 turns, at least
// three categories unless the brief names fewer, real personas). A brief with
// a word the writer does not understand is refused, never half-read. The customer's turns are built around the
// bot manifest's own utterances, so the scripted customer drives the bot the
// way the scenario expects. An LLM-backed writer implements the same Writer
// interface.
package writer
