// Package judge scores a sim transcript on the five-dimension rubric of
// docs/scenarios.md §3 (completion 30, safety 25, phase correctness 20, identity 15,
// recovery 10) without any model: every rule is a pattern or a walk over the
// phase path the bot's own database recorded, so the same transcript always
// gets the same score and every lost point is a Finding that quotes the
// transcript and names the turn. An optional Assessor (an LLM judge) can add
// findings on top; Compare says what regressed since the previous run.
package judge
