// Command refbot runs the reference CAAS bot (package refbot) standalone, so
// a person can poke it with curl or point the suite at it as a local target:
//
//	export CAAS_REFBOT_APP_SECRET=... CAAS_REFBOT_VERIFY_TOKEN=... CAAS_REFBOT_STRIPE_SECRET=whsec_...
//	go run ./cmd/refbot --product voyachat --addr 127.0.0.1:8010
//
// Every flag has an environment twin (see --help); a flag given on the
// command line wins. Secrets have no defaults: refbot refuses to start and
// names the flag and variable to set. Without --database-url it uses the
// local PostgreSQL, database refbot_<product>, creating it if missing.
package main
