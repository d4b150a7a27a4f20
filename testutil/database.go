package testutil

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/caas-testing/caas-testing/botclient"
)

// DatabaseServer says where embedded targets' databases go, from the
// environment: $CAAS_DATABASE_URL, else 127.0.0.1:5432, else a container
// in the Docker engine at $DOCKER_HOST.
func DatabaseServer() botclient.ServerOptions {
	return botclient.ServerOptions{
		URL:            os.Getenv("CAAS_DATABASE_URL"),
		StartContainer: startContainer,
	}
}

// dbUpCommand runs `caas db up` with the go command. The test binaries do
// not link testcontainers and the Docker client themselves (it would make
// every layer's link a third slower, for a path most runs never take);
// the go command builds caas once and caches it.
var dbUpCommand = func() []string {
	return []string{goCommand(), "run", "github.com/caas-testing/caas-testing/cmd/caas", "db", "up"}
}

func goCommand() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// startContainer gets a PostgreSQL in Docker through `caas db up`, or
// botclient.ErrNoDocker at once when no engine answers.
func startContainer(ctx context.Context) (string, error) {
	if !botclient.DockerAnswers(ctx, os.Getenv("DOCKER_HOST")) {
		return "", botclient.ErrNoDocker
	}
	return runDBUp(ctx, dbUpCommand())
}

// runDBUp runs argv, which prints progress on stderr (passed through, so a
// first image pull shows) and the database URL as its last line on stdout.
func runDBUp(ctx context.Context, argv []string) (string, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s: %w", strings.Join(argv[1:], " "), err)
	}
	lines := strings.Fields(strings.TrimSpace(out.String()))
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], "postgres") {
		return "", fmt.Errorf("%s printed no database URL (stdout: %q)", strings.Join(argv[1:], " "), out.String())
	}
	return lines[len(lines)-1], nil
}
