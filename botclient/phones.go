package botclient

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/caas-testing/caas-testing/bots"
)

// phonePool hands out test phones from the manifest's range, one test at a
// time per phone. Each phone is also held with a PostgreSQL advisory lock on
// the bot's database, so test binaries running in parallel against one local
// bot never share a phone.
type phonePool struct {
	m     *bots.Manifest
	mu    sync.Mutex
	conn  *pgx.Conn // holds the advisory locks
	inUse map[string]bool
	next  int
	freed chan struct{}
}

func newPhonePool(ctx context.Context, m *bots.Manifest, dsn string) (*phonePool, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("connecting to the bot's database for phone locks: %w", err)
	}
	return &phonePool{m: m, conn: conn, inUse: map[string]bool{}, freed: make(chan struct{}, 1)}, nil
}

func (p *phonePool) close(context.Context) error { return p.conn.Close(context.Background()) }

func lockKey(phone string) int64 {
	h := fnv.New64a()
	h.Write([]byte("caas-testing/phone/" + phone))
	return int64(h.Sum64())
}

// acquire finds a free phone, locks it, and returns it.
func (p *phonePool) acquire(ctx context.Context) (string, error) {
	size := p.m.TestPhones.Size()
	for {
		p.mu.Lock()
		for i := 0; i < size; i++ {
			idx := (p.next + i) % size
			phone, err := p.m.TestPhones.Phone(idx)
			if err != nil {
				p.mu.Unlock()
				return "", err
			}
			if p.inUse[phone] {
				continue
			}
			var ok bool
			if err := p.conn.QueryRow(ctx, "select pg_try_advisory_lock($1)", lockKey(phone)).Scan(&ok); err != nil {
				p.mu.Unlock()
				return "", fmt.Errorf("locking test phone: %w", err)
			}
			if !ok {
				continue // another test binary holds it
			}
			p.inUse[phone] = true
			p.next = idx + 1
			p.mu.Unlock()
			return phone, nil
		}
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("all %d phones of the test range %s are in use: %w", size, p.m.TestPhones.Range, ctx.Err())
		case <-p.freed:
		case <-time.After(100 * time.Millisecond): // another binary may free one
		}
	}
}

func (p *phonePool) release(phone string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = p.conn.Exec(context.Background(), "select pg_advisory_unlock($1)", lockKey(phone))
	delete(p.inUse, phone)
	select {
	case p.freed <- struct{}{}:
	default:
	}
}

// AcquirePhone returns a test phone from the manifest's range that nobody
// else (in this process or another) is using, with no history in the bot:
// its rows are deleted first. release deletes them again and frees it.
func (tg *Target) AcquirePhone(ctx context.Context) (phone string, release func(context.Context) error, err error) {
	phone, err = tg.phones.acquire(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", tg.M.Name, err)
	}
	if err := tg.reset(ctx, phone); err != nil {
		tg.phones.release(phone)
		return "", nil, err
	}
	release = func(ctx context.Context) error {
		defer tg.phones.release(phone)
		return tg.reset(ctx, phone)
	}
	return phone, release, nil
}

// ResetPhone deletes every row the bot holds for a test phone (the
// manifest's reset_sql). It refuses phones outside the test range.
func (tg *Target) ResetPhone(ctx context.Context, phone string) error {
	return tg.reset(ctx, phone)
}

func (tg *Target) reset(ctx context.Context, phone string) error {
	if err := tg.Guard(phone); err != nil {
		return err
	}
	// One round trip, one implicit transaction: a reset is all or nothing.
	var b pgx.Batch
	for _, stmt := range tg.M.Observe.ResetSQL {
		b.Queue(stmt, phone)
	}
	br := tg.DB.SendBatch(ctx, &b)
	defer br.Close()
	for _, stmt := range tg.M.Observe.ResetSQL {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("%s: observe.reset_sql %q: %w", tg.M.Path, firstLine(stmt), err)
		}
	}
	return br.Close()
}

// Guard refuses any phone outside the manifest's test range: the framework
// never sends a single message to a real customer.
func (tg *Target) Guard(phone string) error {
	if !tg.M.TestPhones.Contains(phone) {
		return &OutOfRangeError{Phone: phone, Range: tg.M.TestPhones.Range, Bot: tg.M.Name}
	}
	return nil
}

// OutOfRangeError is returned when a message would reach a phone outside the
// manifest's test range.
type OutOfRangeError struct{ Phone, Range, Bot string }

func (e *OutOfRangeError) Error() string {
	return fmt.Sprintf("refusing to message %s: outside %s's test phone range %s", e.Phone, e.Bot, e.Range)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
