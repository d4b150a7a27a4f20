// Package envflag gives command-line flags environment twins: a flag not
// given on the command line takes the value of its variable (-bot and
// CAAS_BOT), for the tools that cannot pass flags (CI jobs, go test's
// packages, scripts). A flag on the command line always wins.
//
// A variable takes exactly what its flag takes: a value the flag would
// refuse (CAAS_SIM_CONCURRENCY=abc) is an error naming the variable, its
// flag and what it wants. Help text shows only the static defaults, never a
// variable's value, so a secret set in the environment is never printed.
//
// It imports nothing but the standard library, so any command may use it,
// the reference bot's included.
package envflag
