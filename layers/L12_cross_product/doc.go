// Package l12crossproduct checks the patterns every CAAS bot must share,
// for every bot in the bots directory whatever -bot says: STOP/BAJA opts a
// customer out for good (restarts included), consent comes before any
// personal data, "are you a bot?" gets an AI disclosure and never a human
// claim, asking for a person offers a handoff, the customer is answered in
// their own language, GDPR access and erasure requests are acknowledged
// and carried out, the privacy notice and the consent name the retention
// period and where the data goes, an out-of-scope request is redirected
// without promises, and every bot keeps the same health and webhook
// contract. Each bot is a subtest; expectations come from its manifest.
package l12crossproduct
