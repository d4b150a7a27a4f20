package envflag

import (
	"flag"
	"time"
)

// Legend explains the "[env X]" that ends each twin flag's help; commands
// print it above their flag list.
const Legend = "[env X] names a flag's environment twin; a flag given on the command line wins"

// Set registers flags with environment twins on a flag.FlagSet. Flags
// without a twin are registered on the FlagSet as usual.
type Set struct {
	fs    *flag.FlagSet
	twins []twin
}

// twin is one flag and its variable.
type twin struct {
	flag, env string
	want      string // what a malformed value should have been, for the error
}

// New returns a Set that registers its flags on fs (flag.CommandLine for
// the flags of a test binary).
func New(fs *flag.FlagSet) *Set { return &Set{fs: fs} }

// String defines a string flag with the environment twin env.
func (s *Set) String(name, env, def, usage string) *string {
	p := new(string)
	s.StringVar(p, name, env, def, usage)
	return p
}

// StringVar is String storing into p.
func (s *Set) StringVar(p *string, name, env, def, usage string) {
	s.fs.StringVar(p, name, def, s.add(name, env, "a string", usage))
}

// Bool defines a bool flag with the environment twin env.
func (s *Set) Bool(name, env string, def bool, usage string) *bool {
	return s.fs.Bool(name, def, s.add(name, env, "true or false", usage))
}

// Int defines an int flag with the environment twin env.
func (s *Set) Int(name, env string, def int, usage string) *int {
	return s.fs.Int(name, def, s.add(name, env, "a whole number", usage))
}

// Int64 defines an int64 flag with the environment twin env.
func (s *Set) Int64(name, env string, def int64, usage string) *int64 {
	return s.fs.Int64(name, def, s.add(name, env, "a whole number", usage))
}

// Duration defines a time.Duration flag with the environment twin env.
func (s *Set) Duration(name, env string, def time.Duration, usage string) *time.Duration {
	return s.fs.Duration(name, def, s.add(name, env, "a duration like 90s or 4m", usage))
}

// add records the twin and returns the flag's help with "[env X]" appended.
func (s *Set) add(name, env, want, usage string) string {
	if env == "" {
		panic("envflag: flag -" + name + " needs the name of its environment variable")
	}
	s.twins = append(s.twins, twin{flag: name, env: env, want: want})
	return usage + " [env " + env + "]"
}
