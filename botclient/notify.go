package botclient

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// notifier turns the bot's NOTIFY (payload: the phone) into wake-ups for the
// goroutines waiting on that phone. Without a channel, or if the listening
// connection dies, waiters fall back to adaptive polling.
type notifier struct {
	mu      sync.Mutex
	waiters map[string]chan struct{}
	live    bool
	cancel  context.CancelFunc
	done    chan struct{}
	conn    *pgx.Conn
}

func newPollingNotifier() *notifier {
	return &notifier{waiters: map[string]chan struct{}{}}
}

func listen(ctx context.Context, dsn, channel string) (*notifier, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "listen "+pgx.Identifier{channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	lctx, cancel := context.WithCancel(context.Background())
	n := &notifier{waiters: map[string]chan struct{}{}, live: true, cancel: cancel, done: make(chan struct{}), conn: conn}
	go n.loop(lctx)
	return n, nil
}

func (n *notifier) loop(ctx context.Context) {
	defer close(n.done)
	for {
		note, err := n.conn.WaitForNotification(ctx)
		if err != nil {
			n.mu.Lock()
			n.live = false
			for phone, ch := range n.waiters { // wake everyone: they poll from now on
				close(ch)
				delete(n.waiters, phone)
			}
			n.mu.Unlock()
			return
		}
		n.wake(note.Payload)
	}
}

func (n *notifier) wake(phone string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if ch, ok := n.waiters[phone]; ok {
		close(ch)
		delete(n.waiters, phone)
	}
}

// next returns a channel closed at the next notification for phone, and
// whether notifications are live (if not, the caller must poll). Take it
// BEFORE checking the condition, so a notification in between is not lost.
func (n *notifier) next(phone string) (<-chan struct{}, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.live {
		return nil, false
	}
	ch, ok := n.waiters[phone]
	if !ok {
		ch = make(chan struct{})
		n.waiters[phone] = ch
	}
	return ch, true
}

func (n *notifier) close(context.Context) error {
	if n.cancel == nil {
		return nil
	}
	n.cancel()
	<-n.done
	return n.conn.Close(context.Background())
}

// poller is the adaptive backoff used between checks: short at first (the
// refbot answers in milliseconds), longer as the wait drags on. With live
// notifications it is only a safety net.
type poller struct {
	delay, max time.Duration
}

func newPoller(live bool) *poller {
	if live {
		return &poller{delay: 50 * time.Millisecond, max: 250 * time.Millisecond}
	}
	return &poller{delay: time.Millisecond, max: 50 * time.Millisecond}
}

func (p *poller) wait(ctx context.Context, wake <-chan struct{}) error {
	t := time.NewTimer(p.delay)
	defer t.Stop()
	if p.delay < p.max {
		p.delay *= 2
		if p.delay > p.max {
			p.delay = p.max
		}
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-wake:
		return nil
	case <-t.C:
		return nil
	}
}

var errTimeout = errors.New("timed out")
