package refbot

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/caas-testing/caas-testing/refbot/defect"
)

// Config is everything one refbot server needs. Secrets (AppSecret,
// VerifyToken, StripeSecret, GraphToken, the password in DatabaseURL) are
// never logged: LogValue leaves them out.
type Config struct {
	Product      string // engine product name: voyachat, cambialeon
	Addr         string // listen address; "127.0.0.1:0" picks a free port
	DatabaseURL  string // PostgreSQL DSN (the database must exist; see EnsureDatabase)
	AppSecret    string // WhatsApp app secret: key of X-Hub-Signature-256
	VerifyToken  string // WhatsApp webhook verify token (GET handshake)
	StripeSecret string // Stripe endpoint signing secret, whsec_...
	GraphURL     string // Graph API base URL; empty = replies are only written to the database
	GraphToken   string // bearer token for GraphURL
	PublicURL    string // base of links sent to customers (receipts); empty = the server's own URL
	Defects      defect.Set
	Version      string       // reported by /health; default "refbot/<module version>"
	Logger       *slog.Logger // default: discard
	// MaxConns caps the PostgreSQL pool. 0 picks DefaultMaxConns, which
	// BenchmarkSignedWebhookToReply measured as enough to keep two cores busy.
	MaxConns int32
}

// DefaultMaxConns is the pool size used when Config.MaxConns is 0.
const DefaultMaxConns = 4

// withDefaults fills the optional fields and reports every missing required
// field at once, naming it, so a caller fixes its configuration in one go.
func (c Config) withDefaults() (Config, error) {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"Product", c.Product},
		{"Addr", c.Addr},
		{"DatabaseURL", c.DatabaseURL},
		{"AppSecret", c.AppSecret},
		{"VerifyToken", c.VerifyToken},
		{"StripeSecret", c.StripeSecret},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("refbot config: missing %s; set them before Start", strings.Join(missing, ", "))
	}
	if c.GraphURL != "" && c.GraphToken == "" {
		return c, fmt.Errorf("refbot config: GraphURL is set but GraphToken is empty; set the Graph API access token")
	}
	if c.Version == "" {
		c.Version = "refbot/" + moduleVersion()
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.MaxConns <= 0 {
		c.MaxConns = DefaultMaxConns
	}
	if c.Defects == nil {
		c.Defects = defect.Set{}
	}
	c.GraphURL = strings.TrimRight(c.GraphURL, "/")
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	return c, nil
}

// LogValue keeps secrets out of logs even when a whole Config is logged.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("product", c.Product),
		slog.String("addr", c.Addr),
		slog.String("database", redactDSN(c.DatabaseURL)),
		slog.Bool("graph", c.GraphURL != ""),
		slog.String("public_url", c.PublicURL),
		slog.String("defects", c.Defects.String()),
		slog.String("version", c.Version),
	)
}
