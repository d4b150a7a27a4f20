// Package testutil is what every layer test imports: it owns the -bot flag
// (and its env twin CAAS_BOT), finds a PostgreSQL for the package, and hands
// tests a Target — a client for the bot under test that sends signed WhatsApp
// and Stripe webhooks as test phones, waits for the bot's turn to settle
// (LISTEN/NOTIFY or adaptive polling, never a fixed sleep), and reads what the
// bot did through the SQL in the bot's manifest.
//
// A Target is started per the manifest: "embedded" starts the reference bot
// in-process on a free port with a fresh database; "local" connects to a bot
// already running at a URL with its database DSN. Tests reach the bot only
// through HTTP and its database, never through its code.
package testutil
