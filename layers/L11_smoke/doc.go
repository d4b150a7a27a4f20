// Package l11smoke holds the post-deploy health checks, fast enough to run
// after every deploy against any target: /health answers 200 within the
// manifest's budget, reports a version and a database that really answers
// (and says so when it does not), the WhatsApp verification handshake works,
// one signed message gets a reply within the latency budget, the Stripe
// endpoint is up and refuses unsigned events, the receipt page does not
// leak internals, and for ssh targets the same checks pass through the
// tunnel.
package l11smoke
