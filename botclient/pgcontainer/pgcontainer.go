// Package pgcontainer starts the PostgreSQL the tests use when no server
// is configured and none listens on 127.0.0.1:5432 but a Docker engine
// answers: one container, caas-testing-postgres, made with
// testcontainers-go's postgres module and reused by every later call (by
// name), so a run's test binaries share it and the next run finds it up.
//
// It is a package of its own so that only the caas command links
// testcontainers and the Docker client: the layer test binaries reach it
// through `caas db up` (testutil), which keeps their link time down.
package pgcontainer

import (
	"context"
	"fmt"
	"time"

	"github.com/testcontainers/testcontainers-go"
	tcpostgres "github.com/testcontainers/testcontainers-go/modules/postgres"

	"github.com/caas-testing/caas-testing/botclient"
)

// Name is the container's name; `docker rm -f caas-testing-postgres`
// removes it.
const Name = "caas-testing-postgres"

// Image is the PostgreSQL image the container runs.
const Image = "postgres:16-alpine"

// Up starts the container, or finds it running, and returns its admin DSN.
// dockerHost is the DOCKER_HOST value ("" = the default socket). With no
// Docker engine answering it returns botclient.ErrNoDocker at once. The
// container outlives the process only when testcontainers' reaper (Ryuk)
// is off (TESTCONTAINERS_RYUK_DISABLED=true, as `caas db up` sets it).
func Up(ctx context.Context, dockerHost string) (string, error) {
	if !botclient.DockerAnswers(ctx, dockerHost) {
		return "", botclient.ErrNoDocker
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	c, err := tcpostgres.Run(ctx, Image,
		tcpostgres.WithDatabase("postgres"),
		tcpostgres.WithUsername("postgres"),
		tcpostgres.WithPassword("postgres"),
		testcontainers.WithReuseByName(Name),
		tcpostgres.BasicWaitStrategies(),
	)
	if err != nil {
		return "", fmt.Errorf("starting %s (%s): %w", Name, Image, err)
	}
	return c.ConnectionString(ctx, "sslmode=disable")
}
