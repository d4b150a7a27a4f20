package matrix

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A BuildError is a layer that does not compile: the matrix stops, since a
// layer that cannot run proves nothing either way.
type BuildError struct {
	Output string // the go command's own message
}

func (e *BuildError) Error() string {
	return "the layers do not build; fix this first:\n" + strings.TrimRight(e.Output, "\n")
}

// buildLayer compiles one layer's test binary into dir. A layer with no
// test files yet has no binary: bin is "".
func buildLayer(ctx context.Context, root string, l Layer, dir string) (bin string, err error) {
	bin = filepath.Join(dir, l.Package()+".test")
	cmd := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, "./"+filepath.ToSlash(l.Dir))
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", &BuildError{Output: out.String()}
		}
		return "", fmt.Errorf("running go test -c: %w; is the go command on PATH?", err)
	}
	if _, err := os.Stat(bin); err != nil {
		return "", nil
	}
	return bin, nil
}

// test2jsonPath finds the toolchain's test2json (go tool -n builds it into
// the cache when needed), so each run is parsed by the converter go test
// -json itself uses.
func test2jsonPath(ctx context.Context) (string, error) {
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "test2json")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("finding test2json (go tool -n test2json): %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(out.String()), nil
}
