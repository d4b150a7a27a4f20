// Package l10regression replays the named production bugs, one test each,
// never deleted: the provider names Spy Laura got before any comparison, the
// consent text Lawyer Alberto found without a retention period, the
// commission model told too early, and every bug the sim fix cycle promotes
// since. Each bug is a data file under testdata/regressions (when it was
// found, by which scenario, on which bot, the conversation that found it and
// what the bot must and must not do), run by one shared runner against the
// bot chosen with -bot; a bug that cannot apply to that bot skips with the
// manifest's reason.
package l10regression
