package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestRun(t *testing.T) {
	secrets := map[string]string{
		"CAAS_REFBOT_APP_SECRET": "s3cr3t-app", "CAAS_REFBOT_VERIFY_TOKEN": "s3cr3t-verify", "CAAS_REFBOT_STRIPE_SECRET": "whsec_s3cr3t",
	}
	cases := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  []string
		wantErr  []string
		notInOut []string
	}{
		{
			name: "help documents every flag with its environment twin", args: []string{"--help"}, wantCode: 0,
			wantErr: []string{"CAAS_REFBOT_PRODUCT", "CAAS_REFBOT_ADDR", "CAAS_DATABASE_URL", "CAAS_REFBOT_APP_SECRET", "CAAS_REFBOT_VERIFY_TOKEN",
				"CAAS_REFBOT_STRIPE_SECRET", "CAAS_REFBOT_GRAPH_URL", "CAAS_REFBOT_GRAPH_TOKEN", "CAAS_REFBOT_DEFECTS", "-list-defects"},
		},
		{
			name: "help never prints a secret taken from the environment", args: []string{"--help"}, env: secrets, wantCode: 0,
			notInOut: []string{"s3cr3t"},
		},
		{
			name: "list-defects prints every defect with its bug", args: []string{"--list-defects"}, wantCode: 0,
			wantOut: []string{"skip-signature", "slow-health", "provider-leak", defect.All[0].Bug},
		},
		{
			name: "an unknown defect is a usage error listing the valid ones", args: []string{"--defects", "skip-signature,teleport"}, env: secrets, wantCode: 2,
			wantErr: []string{`unknown defect "teleport"`, "stripe-replay", "slow-health"},
		},
		{
			name: "an unknown defect from the environment is refused too", env: map[string]string{"CAAS_REFBOT_DEFECTS": "nope"}, wantCode: 2,
			wantErr: []string{`unknown defect "nope"`},
		},
		{
			name: "missing secrets are named by flag and variable", wantCode: 2,
			wantErr: []string{"--app-secret (or CAAS_REFBOT_APP_SECRET)", "--verify-token (or CAAS_REFBOT_VERIFY_TOKEN)", "--stripe-secret (or CAAS_REFBOT_STRIPE_SECRET)"},
		},
		{
			name: "a Graph URL without a token is refused", args: []string{"--graph-url", "http://127.0.0.1:1"}, env: secrets, wantCode: 2,
			wantErr: []string{"--graph-token (or CAAS_REFBOT_GRAPH_TOKEN)"},
		},
		{
			name: "a stray argument is a usage error", args: []string{"voyachat"}, wantCode: 2,
			wantErr: []string{`unexpected argument "voyachat"`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(c.args, envOf(c.env), &out, &errOut)
			if code != c.wantCode {
				t.Errorf("exit code %d, want %d; stderr: %s", code, c.wantCode, errOut.String())
			}
			for _, want := range c.wantOut {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, out.String())
				}
			}
			for _, want := range c.wantErr {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
				}
			}
			for _, leak := range c.notInOut {
				if strings.Contains(out.String()+errOut.String(), leak) {
					t.Errorf("output shows %q", leak)
				}
			}
		})
	}
}

func TestParseOptionsPrefersFlagsOverEnvironment(t *testing.T) {
	var errOut bytes.Buffer
	o, err := parseOptions([]string{"--product", "cambialeon"}, envOf(map[string]string{
		"CAAS_REFBOT_PRODUCT": "voyachat", "CAAS_REFBOT_ADDR": "127.0.0.1:9999",
	}), &errOut)
	if err != nil {
		t.Fatal(err)
	}
	if o.product != "cambialeon" {
		t.Errorf("product = %q, want the flag's cambialeon", o.product)
	}
	if o.addr != "127.0.0.1:9999" {
		t.Errorf("addr = %q, want the environment's 127.0.0.1:9999", o.addr)
	}
}
