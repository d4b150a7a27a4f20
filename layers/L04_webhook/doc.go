// Package l04webhook checks the bot's two doors to the outside world the way
// Meta and Stripe knock on them: the WhatsApp verification handshake, signed
// deliveries answered 200 quickly, unsigned or missigned ones rejected with
// nothing stored, malformed, mistyped and oversized bodies refused while the
// bot stays healthy, every message type (media, location, contacts,
// reactions, interactive taps, unknown types) answered gracefully and never
// with a 5xx, status callbacks and other fields acknowledged in silence,
// redelivered message ids answered once; and Stripe events verified by
// signature and timestamp, recorded once per event id, ignored when unknown,
// and, for a paid checkout, recorded against the customer's session, which
// moves on.
package l04webhook
