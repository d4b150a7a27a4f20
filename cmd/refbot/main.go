package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/caas-testing/caas-testing/refbot"
	"github.com/caas-testing/caas-testing/refbot/defect"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is main with its inputs and outputs passed in; it returns the exit
// code: 0 ok, 1 could not run, 2 bad usage.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "refbot:", err)
		return 2
	}
	if o.listDefects {
		for _, d := range defect.All {
			fmt.Fprintf(stdout, "%-24s %s\n", d.Name, d.Bug)
		}
		return 0
	}
	defects, err := defect.Parse(o.defects)
	if err != nil {
		fmt.Fprintln(stderr, "refbot: --defects:", err)
		return 2
	}
	if missing := o.missingSecrets(); len(missing) > 0 {
		fmt.Fprintf(stderr, "refbot: missing secrets: %s\n  e.g. export CAAS_REFBOT_APP_SECRET=$(openssl rand -hex 32)\n", strings.Join(missing, ", "))
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dsn := o.databaseURL
	if dsn == "" {
		dsn = refbot.DefaultDatabaseURL(o.product)
	}
	if err := refbot.EnsureDatabase(ctx, dsn); err != nil {
		log.Error("database not ready", "err", err)
		return 1
	}
	srv, err := refbot.Start(ctx, refbot.Config{
		Product:      o.product,
		Addr:         o.addr,
		DatabaseURL:  dsn,
		AppSecret:    o.appSecret,
		VerifyToken:  o.verifyToken,
		StripeSecret: o.stripeSecret,
		GraphURL:     o.graphURL,
		GraphToken:   o.graphToken,
		PublicURL:    o.publicURL,
		Defects:      defects,
		Logger:       log,
	})
	if err != nil {
		log.Error("could not start", "err", err)
		return 1
	}
	fmt.Fprintf(stdout, "refbot %s listening on %s (health: %s/health)\n", o.product, srv.URL(), srv.URL())
	<-ctx.Done()
	stop()
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Close(shutdown); err != nil {
		log.Error("shutdown", "err", err)
		return 1
	}
	return 0
}
