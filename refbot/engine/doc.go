// Package engine is the reference bot's conversation engine: a
// product-agnostic, deterministic state machine whose content (replies per
// language, intents' keywords, phases, providers, prices, consent text, system
// prompt) comes from an embedded product file (refbot/products/*.yaml). It
// never touches the database, the network or the clock: Step takes a session
// and a message and returns the new session, the replies and the side effects
// for the server to persist, and the same input always gives the same result.
//
// The engine-side seeded defects (package defect) live in the code paths where
// such bugs would live in a real bot: the date and power validators
// (dead-end-state), the consent gate (phase-skip), the disclosure gate
// (provider-leak, commission-leak), the injection, identity, handoff and
// opt-out handlers, the reply renderer (wrong-language, loop-reply) and the
// consent text assembly (gdpr-retention-missing).
package engine
