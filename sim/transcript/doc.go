// Package transcript is the record of one scenario played against a bot:
// what the customer sent, what the bot answered, and the phase the bot's
// database showed after each turn. The runner writes it as JSONL while it
// plays (one header line, one line per turn, one end line), so a crash loses
// at most the turn in flight; the judge reads it back.
//
// Create/NewWriter write that file line by line (redacting every text and
// flushing each line as it is written); Read/Decode read it back, tolerating
// a last line cut mid-write.
package transcript
