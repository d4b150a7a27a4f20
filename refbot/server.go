package refbot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// Server is one running reference bot. Make it with Start; stop it with
// Close.
type Server struct {
	cfg      Config
	log      *slog.Logger
	product  *engine.Product
	pool     *pgxpool.Pool
	sessions *sessionStore
	graph    *graphSender // nil when Config.GraphURL is empty
	http     *http.Server
	addr     string
	url      string

	served    chan struct{} // closed when the Serve goroutine returns
	closeOnce sync.Once
	closeErr  error
}

// Start connects to the database, applies the migrations, listens on
// cfg.Addr and serves until Close. When Start returns without error the
// server already accepts connections.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	product, err := engine.Load(cfg.Product)
	if err != nil {
		return nil, fmt.Errorf("refbot: %w", err)
	}
	pool, err := openPool(ctx, cfg.DatabaseURL, cfg.MaxConns)
	if err != nil {
		return nil, fmt.Errorf("refbot: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("refbot: %w", err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("refbot: listen on %s: %w; pick a free address or 127.0.0.1:0", cfg.Addr, err)
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		product:  product,
		pool:     pool,
		sessions: newSessionStore(cfg.Defects),
		addr:     ln.Addr().String(),
		served:   make(chan struct{}),
	}
	s.url = "http://" + s.addr
	if cfg.PublicURL == "" {
		s.cfg.PublicURL = s.url
	}
	if cfg.GraphURL != "" {
		s.graph = newGraphSender(cfg.GraphURL, cfg.GraphToken, s.log)
	}
	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go func() {
		defer close(s.served)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", "err", err)
		}
	}()
	s.log.Info("refbot started", "config", s.cfg, "url", s.url)
	return s, nil
}

// URL is the server's base URL, e.g. http://127.0.0.1:43121.
func (s *Server) URL() string { return s.url }

// Addr is the address the server listens on, e.g. 127.0.0.1:43121. Start a
// new server with it to restart on the same port.
func (s *Server) Addr() string { return s.addr }

// Close shuts the server down gracefully: it stops accepting connections,
// waits for in-flight requests and for queued Graph API sends (until ctx
// ends), then closes the database pool. Calling it again returns the first
// result.
func (s *Server) Close(ctx context.Context) error {
	s.closeOnce.Do(func() {
		var errs []error
		if err := s.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("http shutdown: %w", err))
			s.http.Close() //nolint:errcheck // forcing after a timed-out graceful shutdown
		}
		<-s.served
		if s.graph != nil {
			if err := s.graph.close(ctx); err != nil {
				errs = append(errs, fmt.Errorf("graph sends: %w", err))
			}
		}
		s.pool.Close()
		s.closeErr = errors.Join(errs...)
		s.log.Info("refbot stopped", "url", s.url)
	})
	return s.closeErr
}
