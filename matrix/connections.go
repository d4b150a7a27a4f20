package matrix

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/caas-testing/caas-testing/botclient"
)

// connWatch samples the PostgreSQL server's client connections while the
// matrix runs, so the report can say how close the runs came to
// max_connections (every test binary's embedded bot has its own pool, and
// other people's tests share the server).
type connWatch struct {
	mu   sync.Mutex
	now  int // the last sample
	peak int
	max  int
	ok   bool // at least one sample was taken

	stop context.CancelFunc
	done chan struct{}
}

// ConnStats is what the watch saw: the peak of client connections and the
// server's max_connections (both 0 when the server could not be watched).
type ConnStats struct {
	Peak int `json:"peak"`
	Max  int `json:"max_connections"`
}

const connSampleEvery = 250 * time.Millisecond

// watchConnections starts sampling; a server it cannot reach is no error,
// the report just has no numbers.
func watchConnections(ctx context.Context, dsn string) *connWatch {
	ctx, stop := context.WithCancel(ctx)
	w := &connWatch{stop: stop, done: make(chan struct{})}
	if dsn = strings.TrimSpace(dsn); dsn == "" {
		dsn = botclient.LocalPostgres
	}
	go func() {
		defer close(w.done)
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, dsn)
		cancel()
		if err != nil {
			return
		}
		defer conn.Close(context.Background())
		tick := time.NewTicker(connSampleEvery)
		defer tick.Stop()
		for {
			var n, max int
			err := conn.QueryRow(ctx, `select count(*)::int, current_setting('max_connections')::int
				from pg_stat_activity where backend_type = 'client backend'`).Scan(&n, &max)
			if err == nil {
				w.mu.Lock()
				w.ok, w.max, w.now = true, max, n
				if n > w.peak {
					w.peak = n
				}
				w.mu.Unlock()
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

// connReserve is the room a test binary is given before it starts: its
// embedded bot's pool, the Target's observation pool, listener and phone
// locks, and the private bots of restart tests (measured peaks: about 20).
const connReserve = 25

// roomWait bounds how long a run waits for connections to free up before
// it starts anyway (and, if refused, is retried alone at the end).
const roomWait = 2 * time.Minute

// waitRoom holds a run back while the server has fewer than reserve free
// client connections (other people's tests share it), up to roomWait.
func (w *connWatch) waitRoom(ctx context.Context, reserve int, p *progress) error {
	deadline := time.Now().Add(roomWait)
	told := false
	for {
		w.mu.Lock()
		free, watched := w.max-w.now, w.ok
		w.mu.Unlock()
		if !watched || free >= reserve || time.Now().After(deadline) {
			return nil
		}
		if !told {
			p.printf("waiting for PostgreSQL connections: %d of %d free, a run needs about %d", free, w.max, reserve)
			told = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(connSampleEvery):
		}
	}
}

// Stats stops the watch and returns what it saw.
func (w *connWatch) Stats() ConnStats {
	w.stop()
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.ok {
		return ConnStats{}
	}
	return ConnStats{Peak: w.peak, Max: w.max}
}
