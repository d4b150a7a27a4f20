// Package l08security attacks the bot the way hostile customers and
// competitors do, through its WhatsApp webhook only, and checks what leaks:
// prompt-injection, role-play and competitor-probing corpora must get no
// canary, prompt text, provider names or commission model before the
// manifest allows them; XSS payloads given as names and addresses must reach
// the receipt page as text, never as markup (parsed with a real HTML5
// tokenizer); SQL-injection payloads must leave no database error in a reply
// and every table intact; DNI/NIE/IBAN/card numbers must be masked at rest
// and never echoed to another phone; unicode tricks, oversized, emoji-only
// and whitespace-only messages and floods must get bounded, polite replies
// from a bot that stays healthy; error responses, /health and HTML pages must
// carry no stack trace, internal path or secret; a replayed signed request
// must be handled once; and HTML pages must carry the security headers.
package l08security
