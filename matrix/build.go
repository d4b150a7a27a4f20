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

// build compiles each layer's test binary once into dir (go test -c -o
// dir/ builds the packages together, sharing the work), and returns the
// binaries by layer number. A layer with no test files yet has no binary and
// is returned in empty.
func build(ctx context.Context, root string, layers []Layer, dir string) (bins map[string]string, empty []Layer, err error) {
	args := []string{"test", "-c", "-o", dir + string(filepath.Separator)}
	for _, l := range layers {
		args = append(args, "./"+filepath.ToSlash(l.Dir))
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, nil, &BuildError{Output: out.String()}
		}
		return nil, nil, fmt.Errorf("running go test -c: %w; is the go command on PATH?", err)
	}
	bins = map[string]string{}
	for _, l := range layers {
		bin := filepath.Join(dir, l.Package()+".test")
		if _, err := os.Stat(bin); err != nil {
			empty = append(empty, l)
			continue
		}
		bins[l.Number] = bin
	}
	return bins, empty, nil
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
