package importrules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/caas-testing/caas-testing/modroot"
)

// listFields are the only fields asked of go list: enough for the rules and
// for finding botclient's files, and cheap (no dependency resolution).
const listFields = "ImportPath,Dir,GoFiles,Imports,TestImports,XTestImports,Module"

var (
	listOnce sync.Once
	listMod  string
	listPkgs []listed
	listErr  error
	listSkip string
)

// goList runs `go list` once per test binary from the module root and
// returns the module path and every package of the module. It skips the
// test, saying why, when there is no go command on PATH.
func goList(t *testing.T) (string, []listed) {
	t.Helper()
	listOnce.Do(func() {
		goCmd, err := exec.LookPath("go")
		if err != nil {
			listSkip = fmt.Sprintf("the go command is not on PATH (%v): the import rules are read with `go list`", err)
			return
		}
		root, err := modroot.Find()
		if err != nil {
			listErr = err
			return
		}
		cmd := exec.Command(goCmd, "list", "-json="+listFields, "./...")
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			listErr = fmt.Errorf("go list ./... in %s: %v\n%s", root, err, strings.TrimSpace(stderr.String()))
			return
		}
		listMod, listPkgs, listErr = decodeList(bytes.NewReader(out))
	})
	if listSkip != "" {
		t.Skip(listSkip)
	}
	if listErr != nil {
		t.Fatal(listErr)
	}
	return listMod, listPkgs
}

// decodeList reads the stream of JSON objects `go list -json` writes. The
// module is the one the listed packages belong to; packages of two modules
// mean ./... was run somewhere unexpected.
func decodeList(r io.Reader) (mod string, pkgs []listed, err error) {
	dec := json.NewDecoder(r)
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", nil, fmt.Errorf("reading go list output: %w", err)
		}
		if p.Module == nil || p.Module.Path == "" {
			return "", nil, fmt.Errorf("go list: package %s belongs to no module; run the test inside the module", p.ImportPath)
		}
		switch {
		case mod == "":
			mod = p.Module.Path
		case p.Module.Path != mod:
			return "", nil, fmt.Errorf("go list: packages of two modules (%s, %s); the rules are for one", mod, p.Module.Path)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		return "", nil, errors.New("go list listed no packages")
	}
	return mod, pkgs, nil
}
