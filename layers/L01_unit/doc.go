// Package l01unit is the suite's first layer: it checks, mostly without
// starting the bot, the things everything else stands on — the bot's manifest
// (loads, validates, names file, field and fix for every problem, keeps
// secrets out of messages, has a sound graph, utterances in every language
// and compilable safety rules), the webhook signatures (known vectors
// computed with openssl, rejection of a wrong secret or a modified body, and
// Stripe's timestamp tolerance, the last two also against the live bot), the
// fixtures (phones in the test range, people with valid DNI/NIE, IBAN and
// card numbers) and the bot's sim scenarios.
package l01unit
