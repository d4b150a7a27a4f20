package botclient

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Schema is the database schema of an embedded bot: what a fresh database
// for it must hold before the bot starts.
type Schema struct {
	Kind    string // which bot, e.g. refbot
	Version string // a digest of the schema: another digest is another template
	Migrate func(ctx context.Context, dsn string) error
}

// templatePrefix names every template of the schema; the creation time
// (base 36 seconds) follows it.
func (s Schema) templatePrefix() string {
	v := s.Version
	if len(v) > 12 {
		v = v[:12]
	}
	return "caas_tpl_" + sanitizeLabel(s.Kind) + "_" + sanitizeLabel(v) + "_"
}

// A per-package database is a clone of a template database migrated once
// — the idea behind Snapshot/Restore in testcontainers' postgres module —
// instead of an empty database migrated again by every package: CREATE
// DATABASE … TEMPLATE copies a finished schema. The template outlives the
// run, so the next run clones at once; it is named after the schema's
// digest, so a changed schema gets a new one, and the superseded one is
// swept when it is old (sweep.go). It is marked IS_TEMPLATE and refuses
// connections, because a clone fails while anyone is connected to its
// source.
var templates = &templateCache{made: map[string]*templateOnce{}}

type templateCache struct {
	mu   sync.Mutex
	made map[string]*templateOnce // by server DSN + template prefix
}

type templateOnce struct {
	once sync.Once
	name string
	err  error
}

// get returns the name of schema's template on srv, making it if no
// process has yet (once per process).
func (c *templateCache) get(ctx context.Context, srv Server, schema Schema) (string, error) {
	key := srv.DSN + "\x00" + schema.templatePrefix()
	c.mu.Lock()
	t, ok := c.made[key]
	if !ok {
		t = &templateOnce{}
		c.made[key] = t
	}
	c.mu.Unlock()
	t.once.Do(func() { t.name, t.err = ensureTemplate(ctx, srv, schema) })
	return t.name, t.err
}

// forget drops what get remembers, so the next get looks again.
func (c *templateCache) forget(srv Server, schema Schema) {
	c.mu.Lock()
	delete(c.made, srv.DSN+"\x00"+schema.templatePrefix())
	c.mu.Unlock()
}

// ensureTemplate finds schema's template on srv or makes it. Test binaries
// running at once serialise on an advisory lock, so one migrates and the
// others clone what it made.
func ensureTemplate(ctx context.Context, srv Server, schema Schema) (string, error) {
	conn, err := pgx.Connect(ctx, srv.DSN)
	if err != nil {
		return "", fmt.Errorf("connecting to %s: %w", redactDSN(srv.DSN), err)
	}
	defer conn.Close(context.Background())
	prefix := schema.templatePrefix()
	if _, err := conn.Exec(ctx, "select pg_advisory_lock(hashtextextended($1, 0))", prefix); err != nil {
		return "", fmt.Errorf("locking the %s template: %w", schema.Kind, err)
	}
	defer conn.Exec(context.Background(), "select pg_advisory_unlock(hashtextextended($1, 0))", prefix) //nolint:errcheck // closing the connection unlocks too
	rows, err := conn.Query(ctx, "select datname, datistemplate from pg_database where starts_with(datname, $1) order by datname desc", prefix)
	if err != nil {
		return "", fmt.Errorf("looking for the %s template: %w", schema.Kind, err)
	}
	type found struct {
		Name     string
		Template bool
	}
	dbs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[found])
	if err != nil {
		return "", fmt.Errorf("looking for the %s template: %w", schema.Kind, err)
	}
	for _, d := range dbs {
		if d.Template {
			return d.Name, nil
		}
	}
	// Not marked a template: a run died while making it. Nobody can be
	// using it (we hold the lock), so make it again.
	for _, d := range dbs {
		if err := dropDatabase(ctx, conn, d.Name); err != nil {
			return "", err
		}
	}
	name := prefix + strconv.FormatInt(time.Now().Unix(), 36)
	if _, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("creating the %s template %s: %w", schema.Kind, name, err)
	}
	dsn, err := withDatabase(srv.DSN, name)
	if err == nil {
		err = schema.Migrate(ctx, dsn)
	}
	if err == nil {
		_, err = conn.Exec(ctx, "alter database "+pgx.Identifier{name}.Sanitize()+" with is_template true allow_connections false")
	}
	if err != nil {
		_ = dropDatabase(context.WithoutCancel(ctx), conn, name)
		return "", fmt.Errorf("migrating the %s template %s: %w", schema.Kind, name, err)
	}
	return name, nil
}

// dropDatabase drops name, a template or not, whoever is connected.
func dropDatabase(ctx context.Context, conn *pgx.Conn, name string) error {
	id := pgx.Identifier{name}.Sanitize()
	// Only a template needs unmarking first; touching a database another
	// session is dropping at this moment (PostgreSQL marks it invalid)
	// would fail and close the connection.
	var template bool
	err := conn.QueryRow(ctx, "select datistemplate from pg_database where datname = $1", name).Scan(&template)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // gone already
	}
	if err == nil && template {
		_, err = conn.Exec(ctx, "alter database "+id+" with is_template false")
	}
	if err == nil {
		_, err = conn.Exec(ctx, "drop database if exists "+id+" with (force)")
	}
	if err != nil {
		return fmt.Errorf("dropping database %s: %w", name, err)
	}
	return nil
}

// sanitizeLabel keeps lower-case letters and digits, other runes become _.
func sanitizeLabel(s string) string {
	out := []rune{}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			out = append(out, r)
		case r >= 'A' && r <= 'Z':
			out = append(out, r-'A'+'a')
		default:
			out = append(out, '_')
		}
	}
	return string(out)
}
