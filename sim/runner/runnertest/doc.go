// Package runnertest starts a fake bot for the tests of what plays
// scenarios (the runner, the pipeline, the caas command): a real HTTP
// server that answers /health and acknowledges every signed WhatsApp
// webhook (or refuses every one with a status the test chooses) and never
// replies, observed through a PostgreSQL database of its own that holds
// the tables its manifest's observe SQL reads. The framework reaches it as
// it reaches any local bot: its manifest (fakebot.yaml, target: local),
// signed webhooks, its database. It is the honest "bot that never answers"
// and "bot that answers 5xx", which the reference bot cannot be.
package runnertest
