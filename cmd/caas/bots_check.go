package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
)

// checkBudget is how long -check gives one bot: starting an embedded one
// (a database cloned from the template) or reaching a local one, and its
// reset statements.
const checkBudget = 2 * time.Minute

// checkBots reaches each bot the way the suite does and runs its reset
// statements for a phone with no rows (botclient.CheckReset). It prints
// one line per bot, or per unsafe statement, and returns how many bots
// failed.
func checkBots(ctx context.Context, out io.Writer, ms []*bots.Manifest) (bad int) {
	for _, m := range ms {
		lines, ok := checkBot(ctx, m)
		for _, l := range lines {
			fmt.Fprintln(out, m.Redact(l))
		}
		if !ok {
			bad++
		}
	}
	return bad
}

func checkBot(ctx context.Context, m *bots.Manifest) (lines []string, ok bool) {
	prefix := "check " + m.Name + ": "
	if len(m.Observe.ResetSQL) == 0 {
		return []string{prefix + "no observe.reset_sql to run"}, true
	}
	ctx, cancel := context.WithTimeout(ctx, checkBudget)
	defer cancel()
	tg, err := botclient.Start(ctx, m, botclient.Options{Label: "caas_bots_check", Server: databaseServer()})
	if err != nil {
		return []string{prefix + "cannot reach the bot to run its reset statements: " + oneLine(err)}, false
	}
	defer func() {
		if err := tg.Close(context.WithoutCancel(ctx)); err != nil {
			lines = append(lines, prefix+oneLine(err))
		}
	}()
	phone, checks, err := tg.CheckReset(ctx)
	if err != nil {
		return []string{prefix + oneLine(err)}, false
	}
	ok = true
	for _, c := range checks {
		switch {
		case c.Err != nil:
			ok = false
			lines = append(lines, prefix+m.ResetProblem(c.Index, "fails: "+oneLine(c.Err), "run it by hand against the bot's database with a test phone as $1 and fix it").Error())
		case c.Reaches():
			ok = false
			lines = append(lines, prefix+m.ResetProblem(c.Index,
				fmt.Sprintf("touched %d row(s) for %s, a test phone with no rows by the manifest's observe queries: they are other customers' rows", c.Touched, phone),
				"pick the rows by the column that holds the customer's own phone").Error())
		}
	}
	if ok {
		lines = append(lines, fmt.Sprintf("%sobserve.reset_sql: %d statement(s), run for %s (a test phone with no rows) and rolled back, touched no row", prefix, len(checks), phone))
	}
	return lines, ok
}

// oneLine keeps a driver's multi-line message on the bot's one line.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
