package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/botclient/pgcontainer"
)

func init() {
	register(command{name: "db up", summary: "start (or find) the PostgreSQL container " + pgcontainer.Name + " and print its URL", run: runDBUp})
}

// runDBUp is how the tests get a database in Docker (testutil runs it when
// no PostgreSQL answers) and how a person can: the URL goes to stdout,
// progress to stderr. The container stays up for the next run.
func runDBUp(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("caas db up", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: caas db up\n\nStarts the PostgreSQL container %s (%s) with a Docker engine, or finds it\nrunning, and prints its admin URL on stdout; use it as CAAS_DATABASE_URL. It keeps\nrunning after the command (remove it with `docker rm -f %s`). The tests run this\nthemselves when no PostgreSQL answers on 127.0.0.1:5432 and CAAS_DATABASE_URL is unset.\n\nenv: DOCKER_HOST (the engine; default the local socket)\n", pgcontainer.Name, pgcontainer.Image, pgcontainer.Name)
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return &exitError{code: 2, msg: "takes no arguments"}
	}
	host := os.Getenv("DOCKER_HOST")
	fmt.Fprintf(os.Stderr, "caas db up: starting or finding %s with the Docker engine%s\n", pgcontainer.Name, atHost(host))
	dsn, err := startContainer(ctx)
	if errors.Is(err, botclient.ErrNoDocker) {
		return &exitError{code: 3, msg: "no Docker engine answers" + atHost(host) + "; start Docker, or point CAAS_DATABASE_URL at a PostgreSQL"}
	}
	if err != nil {
		return err
	}
	fmt.Println(dsn)
	return nil
}

func atHost(host string) string {
	if host == "" {
		return ""
	}
	return " at " + host
}

// databaseServer is where an embedded bot started by caas keeps its
// database: $CAAS_DATABASE_URL, else 127.0.0.1:5432, else the
// caas-testing-postgres container in the Docker engine at $DOCKER_HOST.
func databaseServer() botclient.ServerOptions {
	return botclient.ServerOptions{
		URL:            os.Getenv("CAAS_DATABASE_URL"),
		StartContainer: startContainer,
	}
}

// startContainer starts or finds the container. It must outlive this
// process, to serve the test binaries and later runs: testcontainers'
// reaper (Ryuk) would remove it as soon as we exit.
func startContainer(ctx context.Context) (string, error) {
	if os.Getenv("TESTCONTAINERS_RYUK_DISABLED") == "" {
		os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	return pgcontainer.Up(ctx, os.Getenv("DOCKER_HOST"))
}
