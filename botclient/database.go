package botclient

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// createDatabase gives an embedded bot a database of its own on srv, a
// clone of schema's template (migrated once, see template.go), uniquely
// named after label, and a function that drops it (forcefully: a bot that
// leaked a connection must not keep the database alive).
func createDatabase(ctx context.Context, srv Server, schema Schema, label string) (dsn string, drop func(context.Context) error, err error) {
	conn, err := pgx.Connect(ctx, srv.DSN)
	if err != nil {
		return "", nil, fmt.Errorf("connecting to %s: %w", redactDSN(srv.DSN), err)
	}
	defer conn.Close(context.Background())
	sweepOnce.Do(func() { sweepStale(ctx, srv.DSN, schema) })
	name := databaseName(label, time.Now())
	if err := cloneTemplate(ctx, conn, srv, schema, name); err != nil {
		return "", nil, err
	}
	dsn, err = withDatabase(srv.DSN, name)
	if err != nil {
		return "", nil, err
	}
	drop = func(ctx context.Context) error {
		c, err := pgx.Connect(ctx, srv.DSN)
		if err != nil {
			return err
		}
		defer c.Close(context.Background())
		_, err = c.Exec(ctx, "drop database if exists "+pgx.Identifier{name}.Sanitize()+" with (force)")
		return err
	}
	return dsn, drop, nil
}

// cloneTemplate creates database name from schema's template. A template
// another process swept a moment ago is made again, once.
func cloneTemplate(ctx context.Context, conn *pgx.Conn, srv Server, schema Schema, name string) error {
	for attempt := 0; ; attempt++ {
		tpl, err := templates.get(ctx, srv, schema)
		if err != nil {
			return err
		}
		_, err = conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize()+" template "+pgx.Identifier{tpl}.Sanitize())
		var pgErr *pgconn.PgError
		if err != nil && attempt == 0 && errors.As(err, &pgErr) && pgErr.Code == "3D000" { // invalid_catalog_name: the template is gone
			templates.forget(srv, schema)
			continue
		}
		if err != nil {
			return fmt.Errorf("creating database %s from template %s: %w", name, tpl, err)
		}
		return nil
	}
}

// databaseName is caas_<label>_<unix seconds in base 36><6 hex>: unique,
// and old enough to sweep can be read off the name (see sweep.go).
func databaseName(label string, now time.Time) string {
	return sanitizeDBName(label) + "_" + strconv.FormatInt(now.Unix(), 36) + randomHex(3)
}

func sanitizeDBName(s string) string {
	out := sanitizeLabel(s)
	if len(out) > 40 {
		out = out[len(out)-40:]
	}
	return "caas_" + strings.Trim(out, "_")
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
