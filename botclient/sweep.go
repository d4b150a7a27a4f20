package botclient

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

var sweepOnce sync.Once

// staleAfter is how old a test database must be before a later run may
// drop it: far longer than any test binary lives.
const staleAfter = 2 * time.Hour

// staleName matches the databases createDatabase names: caas_<label>_<unix
// seconds in base 36><6 hex>.
var staleName = regexp.MustCompile(`^caas_.*_([0-9a-z]{6,})([0-9a-f]{6})$`)

// sweepStale drops what killed runs left behind: test databases (a killed
// test binary had no chance to drop its own) older than staleAfter by the
// time in their name, with nobody connected; and the templates of other
// versions of schema older than staleAfter (a changed schema made a new
// one). Best effort: errors are ignored.
//
// It sweeps on a connection of its own: another run sweeping at the same
// moment may make a drop here fail, and a failed statement must not cost
// the caller its connection.
func sweepStale(ctx context.Context, server string, schema Schema) {
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		return
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(ctx, `select datname from pg_database d
		where datname like 'caas\_%' and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`)
	if err != nil {
		return
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	current := schema.templatePrefix()
	kindPrefix := "caas_tpl_" + sanitizeLabel(schema.Kind) + "_"
	for _, name := range names {
		var created string
		switch {
		case strings.HasPrefix(name, "caas_tpl_"):
			if !strings.HasPrefix(name, kindPrefix) || strings.HasPrefix(name, current) {
				continue // another bot's, or the one in use
			}
			created = name[strings.LastIndexByte(name, '_')+1:]
		default:
			m := staleName.FindStringSubmatch(name)
			if m == nil {
				continue
			}
			created = m[1]
		}
		secs, err := strconv.ParseInt(created, 36, 64)
		if err != nil || time.Since(time.Unix(secs, 0)) < staleAfter {
			continue
		}
		_ = dropDatabase(ctx, conn, name)
	}
}
