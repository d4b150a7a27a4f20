// Package l07conversation checks the conversation graph, first on the
// manifest alone (every state reachable from the initial one, a terminal
// state reachable from every other, no orphan intents or unreachable phases)
// and then on the live bot, driven only by the manifest's own utterances:
// the happy path visits phases in order; every transition of every reachable
// state, and every global intent in every state, lands where the manifest
// says; no personal-data phase is entered before consent is recorded; help,
// nonsense and a change of language keep the state; restart and opt-out go
// where the manifest names; and a tapped button counts like typed text.
package l07conversation
