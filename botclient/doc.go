// Package botclient is the client for one bot under test, as its manifest
// describes it: it starts the reference bot in-process (embedded) or
// connects to one already running (local), sends signed WhatsApp and Stripe
// webhooks as test phones (never to a phone outside the manifest's test
// range), waits for the bot's turn to settle (LISTEN/NOTIFY or adaptive
// polling, never a fixed sleep), and reads what the bot did through the SQL
// in the manifest. It knows nothing of testing: the layer tests use it
// through testutil, the sim runner and the caas command directly.
package botclient
