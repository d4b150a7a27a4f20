package bots

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrUnknownBot is wrapped by Load's error for a name that is not one of
// the Loader's bots, so that a command can call it the user's mistake.
var ErrUnknownBot = errors.New("unknown bot")

// Load reads, expands and validates the manifest of the named bot from
// l.Directory(). An unknown name is an error (wrapping ErrUnknownBot) that
// lists the bots there.
func (l Loader) Load(name string) (*Manifest, error) {
	names, err := l.Names()
	if err != nil {
		return nil, err
	}
	known := strings.Join(names, ", ")
	if known == "" {
		known = "none"
	}
	switch {
	case name == "":
		return nil, fmt.Errorf("%w: no bot named; choose one of: %s", ErrUnknownBot, known)
	case strings.ContainsAny(name, `/\`) || !isBotName(name):
		return nil, fmt.Errorf("%w %q: give the bare name of a manifest (one of: %s), or use LoadFile for a path", ErrUnknownBot, name, known)
	}
	for _, n := range names {
		if n == name {
			return l.LoadFile(filepath.Join(l.Directory(), name+".yaml"))
		}
	}
	return nil, fmt.Errorf("%w %q; known bots in %s: %s (add %s.yaml there to define it)", ErrUnknownBot, name, displayPath(l.Directory()), known, name)
}

// LoadFile reads, expands (with l.Getenv) and validates the manifest at path.
func (l Loader) LoadFile(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading bot manifest: %w; check the path, or list the bots with Names()", err)
	}
	m, err := l.Parse(path, data)
	if err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// LoadAll loads every bot of Names, in name order. It reports the problems
// of all manifests at once, not only the first broken one.
func (l Loader) LoadAll() ([]*Manifest, error) {
	names, err := l.Names()
	if err != nil {
		return nil, err
	}
	var ms []*Manifest
	var errs []error
	for _, n := range names {
		m, err := l.Load(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ms = append(ms, m)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ms, nil
}
