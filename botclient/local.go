package botclient

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/bots"
)

// connectLocal connects to a bot already running on this machine: its base
// URL and its database come from the manifest (secrets from the environment).
func connectLocal(ctx context.Context, m *bots.Manifest) (*Target, error) {
	if m.Target.URL == "" {
		return nil, fmt.Errorf("%s: target.url: missing; set it to the bot's base URL (e.g. http://127.0.0.1:8010) or use kind: embedded", m.Path)
	}
	if m.Target.DatabaseURL == "" {
		return nil, fmt.Errorf("%s: target.database_url: missing; set it to a ${ENV} reference holding the bot's PostgreSQL DSN", m.Path)
	}
	tg := &Target{
		M:       m,
		HTTP:    &http.Client{Timeout: 30 * time.Second},
		baseURL: strings.TrimRight(m.Target.URL, "/"),
		secrets: secrets{app: m.Secrets.AppSecret, verify: m.Secrets.VerifyToken, stripe: m.Secrets.StripeSecret},
	}
	if cmd := m.Target.Restart; cmd != "" {
		tg.restart = func(ctx context.Context) (string, error) {
			out, err := exec.CommandContext(ctx, "sh", "-c", cmd).CombinedOutput()
			if err != nil {
				return "", fmt.Errorf("target.restart %q: %w: %s", cmd, err, m.Redact(strings.TrimSpace(string(out))))
			}
			return tg.baseURL, nil
		}
	}
	tg.crossProcessRestart = tg.restart != nil
	if err := tg.connectDB(ctx, m.Target.DatabaseURL); err != nil {
		_ = tg.Close(ctx)
		return nil, fmt.Errorf("%s: target.database_url: %w; correct the DSN it names, or start the bot's PostgreSQL", m.File(), err)
	}
	hctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := tg.WaitHealthy(hctx); err != nil {
		_ = tg.Close(ctx)
		return nil, fmt.Errorf("%s: target.url: %s at %s is not healthy: %w; start the bot, or correct target.url", m.File(), m.Name, tg.baseURL, err)
	}
	return tg, nil
}
