// Package l10regression replays the named production bugs, never deleted:
// the provider names Spy Laura got before any comparison, the consent text
// Lawyer Alberto found without a retention period, the commission model
// told too early, and every bug the sim fix cycle promotes since. Each bug
// is a data file under regression/rows (when it was found, by which
// scenario, on which bot, the conversation that found it and what the bot
// must and must not do; the format is regression/README.md), played by the
// one runner of package regression against the bot chosen with -bot, a
// subtest per row named by its date, persona and id; a bug that cannot
// apply to that bot skips with the manifest's reason.
package l10regression
