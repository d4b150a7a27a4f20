package main

import (
	"errors"
	"os"

	"github.com/caas-testing/caas-testing/bots"
)

// manifests are the bots caas knows: $CAAS_BOTS_DIR, else the module's
// bots/, their ${VAR}s expanded from the environment.
func manifests() bots.Loader { return bots.FromEnv(os.Getenv) }

// loadBot loads the named bot's manifest, once per command: a name that is
// not a bot and a broken manifest are both usage or configuration errors
// (exit 2): exit 1 is for a bot that fails a check.
func loadBot(name string) (*bots.Manifest, error) {
	m, err := manifests().Load(name)
	switch {
	case errors.Is(err, bots.ErrUnknownBot):
		return nil, usageErr(err.Error())
	case err != nil:
		return nil, &exitError{code: 2, msg: err.Error()}
	}
	return m, nil
}
