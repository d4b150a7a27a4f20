package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/caas-testing/caas-testing/sim/pipeline"
)

// The exit codes of caas (README, "Exit codes"). A red must mean the bot
// is wrong, so a run that could not look at the bot never exits 1, and a
// run that did not look at every scenario never exits 0.
const (
	exitOK       = 0 // every scenario scored and passed
	exitFailed   = 1 // a scored scenario is below the threshold, regressed, or has a failing finding
	exitUsage    = 2 // a bad flag, an unknown bot, an invalid manifest or scenario file
	exitNoResult = 3 // no verdict: the environment is not ready, or scenarios errored or the run was interrupted
)

// judged prints a run's summary and turns it into the command's result:
// exitFailed when the scored scenarios fail the gate (whatever else
// happened: what was scored is a verdict), else exitNoResult when some
// scenarios errored or the run could not start or finish, else exitOK.
func judged(sum pipeline.Summary, err error, gate pipeline.Gate) error {
	if len(sum.Results) > 0 || len(sum.Errored) > 0 {
		sum.Print(os.Stdout)
	}
	switch {
	case err == nil, errors.Is(err, pipeline.ErrErrored):
	case errors.Is(err, pipeline.ErrUsage):
		return usageErr(strings.TrimPrefix(err.Error(), pipeline.ErrUsage.Error()+": "))
	default:
		// The environment (pipeline.ErrEnvironment), an interruption, or
		// anything else that kept the run from a verdict: not the bot's
		// fault as far as anyone can tell, so never a red.
		return &exitError{code: exitNoResult, msg: err.Error()}
	}
	v := sum.Verdict(gate)
	if v.Failed() {
		lines := v.Lines()
		return &exitError{code: exitFailed, msg: fmt.Sprintf("FAIL: %d reason(s):\n  %s", len(lines), strings.Join(lines, "\n  "))}
	}
	if !v.Complete() {
		return &exitError{code: exitNoResult, msg: fmt.Sprintf("no verdict: %d scenario(s) errored (not scored); resume with -run-id %s to play them again", len(v.Errored), sum.RunID)}
	}
	return nil
}
