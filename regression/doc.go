// Package regression holds the named production bugs as data and the one
// runner that replays them. A row is a YAML file under rows/ (the format is
// README.md): when and by which sim persona the bug was found, the bots it
// applies to, the conversation that found it and the checks that were red
// then and must stay green. Run plays a row against a bot through the bot
// client (botclient) on one test phone and returns a Result: each check
// passed, failed with its evidence (what was sent, the reply quoted, the
// rule broken) or skipped with the manifest's reason. layers/L10_regression
// turns Results into test failures; a new regression is a new file, not new
// Go.
package regression
