package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

// usageCase is a command line the caas command must refuse as a usage error.
type usageCase struct {
	name string
	env  map[string]string // environment twins set for the case
	args []string
	want string // a piece of the message on stderr
}

// assertUsageErrors runs each case and checks it exits 2 saying want.
func assertUsageErrors(t *testing.T, cases []usageCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name+" exits 2 with the message", func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			var code int
			stderr := captureStderr(t, func() { code = run(context.Background(), c.args) })
			assert.Equal(t, 2, code, "stderr: %s", stderr)
			assert.Contains(t, stderr, c.want)
		})
	}
}
