// Package runner plays sim scenarios against a bot under test and writes
// what happened as transcripts (sim/transcript), one JSONL file per scenario
// under <run dir>/transcripts/<scenario-id>.jsonl.
//
// Scenarios run concurrently (Options.Concurrency, default 8), each on its
// own test phone from the manifest's range. A scenario is played turn by
// turn: the Customer gives the next turn (the scripted one replays the
// scenario's opening and turns; an LLM persona plugs in behind the same
// interface), the runner sends it as the signed WhatsApp webhooks of its
// kind (a text, a voice note, a photo, a tap, a burst of texts one after
// the other) and waits once for the bot's turn to settle, and the runner reads the session (state, phase,
// opted_out) from the bot's database and appends a turn line. The end line
// carries the phase path the bot's database recorded. A scenario stops at
// max_turns, when the customer has nothing more to say, when the customer
// opted out and the scenario expects it, or when the bot reached a terminal
// state.
//
// Every line is written (and so flushed) as soon as its turn settles, and
// the file is fsynced when the scenario ends, so a crash or Ctrl-C loses at
// most the turn in flight. Every text is redacted (the manifest's secrets
// and the target's signing secrets) before it is written or printed.
//
// Errored or scored: a play that fails for a reason outside the bot's
// conversation (the transport: connection refused, EOF; the bot refusing
// the run's signature, i.e. misconfigured secrets; the customer; reading
// the bot's database; writing the transcript) ends the scenario with the
// error in its end line, and the scenario is errored: not scored, counted
// apart (Summary.Errored). What the bot does wrong is scored: a delivery it
// answers with a 5xx (or any refusal but 401/403) is written as a turn with
// its HTTP status and the conversation goes on; a turn it leaves silent or
// unsettled within its wait budget is written as such.
//
// Resume: running again with the same run id and directory skips every
// scenario whose transcript has an end line without an error, and plays
// every other one (cut short or errored) again from the start, on a freshly
// reset phone, overwriting its transcript. A half-played conversation is never
// continued: the bot's state for that phone cannot be trusted after the
// runner stopped mid-turn (the bot may have handled the message in flight or
// not, and an embedded bot's database does not outlive the process).
package runner
