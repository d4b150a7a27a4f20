// Package l03e2e checks, end to end through the bot's webhook and its
// database, that conversations are stored as they happen: a first message
// creates a session at the manifest's initial phase, every inbound message
// and reply is persisted with its direction and in order, the session's
// state and phase follow the manifest's graph turn after turn and survive a
// restart, a redelivered WhatsApp message id is answered once, two phones
// never share data, bursts and out-of-order deliveries leave the bot
// healthy, a GDPR erasure really erases, and test-phone cleanup touches only
// the phone it is asked to reset.
package l03e2e
