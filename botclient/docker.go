package botclient

import (
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// DockerAnswers reports, within half a second, whether a Docker engine
// responds to /_ping at host (a DOCKER_HOST value: unix:// or tcp://; ""
// = the default socket). A client without a daemon (the usual CI case)
// must not cost the suite testcontainers' long discovery timeouts.
func DockerAnswers(ctx context.Context, host string) bool {
	ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	network, addr := "unix", "/var/run/docker.sock"
	switch {
	case host == "":
	case strings.HasPrefix(host, "unix://"):
		addr = strings.TrimPrefix(host, "unix://")
	case strings.HasPrefix(host, "tcp://"):
		network, addr = "tcp", strings.TrimPrefix(host, "tcp://")
	default:
		return false
	}
	if network == "unix" {
		if _, err := os.Stat(addr); err != nil {
			return false
		}
	}
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://docker/_ping", nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
