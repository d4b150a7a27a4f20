package botclient

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// LocalPostgres is where a PostgreSQL is looked for when no URL is given.
const LocalPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// NoDatabaseHelp is the one line printed when no PostgreSQL can be found.
const NoDatabaseHelp = "no PostgreSQL for the tests: set CAAS_DATABASE_URL, start one on 127.0.0.1:5432, or run `docker compose up -d db`"

// ErrNoDocker is what a ServerOptions.StartContainer returns, at once,
// when no Docker engine answers: the search then ends with NoDatabaseHelp.
var ErrNoDocker = errors.New("no Docker engine answers")

// ServerOptions say where the PostgreSQL server for embedded targets'
// databases is. The caller reads the environment (testutil, cmd/caas);
// this package never does.
type ServerOptions struct {
	// URL is an admin DSN of a server to use ($CAAS_DATABASE_URL); empty =
	// look on 127.0.0.1:5432, then start one in Docker.
	URL string
	// StartContainer starts (or finds) a PostgreSQL in a Docker engine and
	// returns its admin DSN, or ErrNoDocker at once; nil = no Docker
	// fallback.
	StartContainer func(ctx context.Context) (string, error)
}

// Server is the PostgreSQL server test databases are created on.
type Server struct {
	DSN  string // admin connection string
	From string // how it was found: CAAS_DATABASE_URL, 127.0.0.1:5432, Docker
}

var (
	serversMu sync.Mutex
	servers   = map[string]*serverOnce{} // by ServerOptions.URL
)

type serverOnce struct {
	once sync.Once
	srv  Server
	err  error
}

// FindServer returns the server test databases go on: opt.URL when set
// (it must answer), else the local server on 127.0.0.1:5432 if it answers
// within a second, else the one opt.StartContainer starts, else an error
// that says how to get one. The search is made once per process for each
// opt.URL.
func FindServer(ctx context.Context, opt ServerOptions) (Server, error) {
	serversMu.Lock()
	so, ok := servers[opt.URL]
	if !ok {
		so = &serverOnce{}
		servers[opt.URL] = so
	}
	serversMu.Unlock()
	so.once.Do(func() { so.srv, so.err = findServer(ctx, opt, LocalPostgres) })
	return so.srv, so.err
}

func findServer(ctx context.Context, opt ServerOptions, local string) (Server, error) {
	if u := strings.TrimSpace(opt.URL); u != "" {
		if err := ping(ctx, u, 5*time.Second); err != nil {
			return Server{}, fmt.Errorf("CAAS_DATABASE_URL (%s) does not answer: %v; correct it, or unset it to use the PostgreSQL on 127.0.0.1:5432 (or Docker)", redactDSN(u), oneLine(err.Error()))
		}
		return Server{DSN: u, From: "CAAS_DATABASE_URL"}, nil
	}
	err := pingBusy(ctx, local)
	if err == nil {
		return Server{DSN: local, From: "127.0.0.1:5432"}, nil
	}
	// A server that answers and refuses (too many clients, a role that may
	// not log in) is there: saying there is none would send the user the
	// wrong way.
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return Server{}, fmt.Errorf("the PostgreSQL on 127.0.0.1:5432 answers but refuses the tests: %s (SQLSTATE %s); fix that server, or set CAAS_DATABASE_URL to another", pgErr.Message, pgErr.Code)
	}
	if opt.StartContainer == nil {
		return Server{}, errors.New(NoDatabaseHelp)
	}
	dsn, err := opt.StartContainer(ctx)
	switch {
	case errors.Is(err, ErrNoDocker):
		return Server{}, errors.New(NoDatabaseHelp)
	case err != nil:
		return Server{}, fmt.Errorf("starting PostgreSQL in Docker: %w; %s", err, NoDatabaseHelp)
	}
	return Server{DSN: dsn, From: "Docker"}, nil
}

// pingBusy is ping for the local server, waiting while it has no
// connection slot free (too many clients: other test binaries are
// finishing), up to 15 seconds.
func pingBusy(ctx context.Context, dsn string) error {
	deadline := time.Now().Add(15 * time.Second)
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := ping(ctx, dsn, time.Second)
		var pgErr *pgconn.PgError
		if err == nil || !errors.As(err, &pgErr) || pgErr.Code != "53300" || time.Now().Add(wait).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func ping(ctx context.Context, dsn string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return conn.Ping(ctx)
}

// withDatabase is dsn pointed at database name.
func withDatabase(dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		// keyword/value DSN
		return dsn + " dbname=" + name, nil
	}
	u.Path = "/" + name
	return u.String(), nil
}

// redactDSN drops the password from a DSN for error messages.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return "the database"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.Redacted()
}

// oneLine joins the lines of a driver's message, so the error stays one
// line: pgx puts each address it tried on a line of its own, the same one
// twice when it tried with TLS and without.
func oneLine(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" && (len(out) == 0 || out[len(out)-1] != l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}
