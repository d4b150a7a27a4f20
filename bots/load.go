package bots

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Load reads, expands and validates the manifest of the named bot from Dir.
// An unknown name is an error that lists the bots there.
func Load(name string) (*Manifest, error) {
	names, err := Names()
	if err != nil {
		return nil, err
	}
	known := strings.Join(names, ", ")
	if known == "" {
		known = "none"
	}
	switch {
	case name == "":
		return nil, fmt.Errorf("no bot named; choose one of: %s", known)
	case strings.ContainsAny(name, `/\`) || !isBotName(name):
		return nil, fmt.Errorf("bot name %q is not a bot: give the bare name of a manifest (one of: %s), or use LoadFile for a path", name, known)
	}
	for _, n := range names {
		if n == name {
			return LoadFile(filepath.Join(Dir(), name+".yaml"))
		}
	}
	return nil, fmt.Errorf("unknown bot %q; known bots in %s: %s (add %s.yaml there to define it)", name, displayPath(Dir()), known, name)
}

// LoadFile reads, expands and validates the manifest at path.
func LoadFile(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading bot manifest: %w; check the path, or list the bots with Names()", err)
	}
	m, err := Parse(path, data)
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
func LoadAll() ([]*Manifest, error) {
	names, err := Names()
	if err != nil {
		return nil, err
	}
	var ms []*Manifest
	var errs []error
	for _, n := range names {
		m, err := Load(n)
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
