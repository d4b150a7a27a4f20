package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/caas-testing/caas-testing/envflag"
)

// setting is one flag with its environment twin.
type setting struct {
	flag, env, help, def string
	secret               bool
	value                *string
}

// options is the command line, resolved against the environment.
type options struct {
	product, addr, databaseURL               string
	appSecret, verifyToken, stripeSecret     string
	graphURL, graphToken, publicURL, defects string
	listDefects                              bool
	settings                                 []*setting
}

func parseOptions(args []string, getenv func(string) string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("refbot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.settings = []*setting{
		{flag: "product", env: "CAAS_REFBOT_PRODUCT", def: "voyachat", help: "product to play: voyachat or cambialeon", value: &o.product},
		{flag: "addr", env: "CAAS_REFBOT_ADDR", def: "127.0.0.1:8010", help: "address to listen on", value: &o.addr},
		{flag: "database-url", env: "CAAS_DATABASE_URL", help: "PostgreSQL URL (default: postgres://postgres@127.0.0.1:5432/refbot_<product>, created if missing)", value: &o.databaseURL},
		{flag: "app-secret", env: "CAAS_REFBOT_APP_SECRET", secret: true, help: "WhatsApp app secret, the key of X-Hub-Signature-256 (required)", value: &o.appSecret},
		{flag: "verify-token", env: "CAAS_REFBOT_VERIFY_TOKEN", secret: true, help: "WhatsApp webhook verify token for the GET handshake (required)", value: &o.verifyToken},
		{flag: "stripe-secret", env: "CAAS_REFBOT_STRIPE_SECRET", secret: true, help: "Stripe endpoint signing secret, whsec_... (required)", value: &o.stripeSecret},
		{flag: "graph-url", env: "CAAS_REFBOT_GRAPH_URL", help: "Graph API base URL to POST replies to, e.g. https://graph.facebook.com/v23.0 (default: replies only go to the database)", value: &o.graphURL},
		{flag: "graph-token", env: "CAAS_REFBOT_GRAPH_TOKEN", secret: true, help: "Graph API access token (required with --graph-url)", value: &o.graphToken},
		{flag: "public-url", env: "CAAS_REFBOT_PUBLIC_URL", help: "base URL of links sent to customers, e.g. receipts (default: http://<addr>)", value: &o.publicURL},
		{flag: "defects", env: "CAAS_REFBOT_DEFECTS", help: "seeded defects to switch on, comma-separated (see --list-defects)", value: &o.defects},
	}
	twins := envflag.New(fs)
	for _, s := range o.settings {
		twins.StringVar(s.value, s.flag, s.env, s.def, s.help)
	}
	fs.BoolVar(&o.listDefects, "list-defects", false, "print every seeded defect with its one-line bug, then exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: refbot [flags]\n\nRuns the reference CAAS bot. Prefer the environment for secrets (flags show in ps).\n\nflags (%s):\n", envflag.Legend)
		fs.PrintDefaults()
	}
	if err := twins.Parse(args, getenv); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q; every setting is a --flag", fs.Arg(0))
	}
	return o, nil
}

// missingSecrets names each required secret that is unset, with both ways
// of setting it.
func (o *options) missingSecrets() []string {
	var missing []string
	for _, s := range o.settings {
		required := s.secret && (s.flag != "graph-token" || o.graphURL != "")
		if required && strings.TrimSpace(*s.value) == "" {
			missing = append(missing, fmt.Sprintf("--%s (or %s)", s.flag, s.env))
		}
	}
	return missing
}
