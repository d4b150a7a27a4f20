package testutil

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/caas-testing/caas-testing/fixtures"
)

// Reply is one outbound message of the bot, as its database shows it.
type Reply struct {
	ID   int64
	Body string
}

// Turn is one customer message (or delivery) and what the bot did about it.
type Turn struct {
	Phone    string
	Sent     string        // the text sent, when it was a text
	Response *Response     // the webhook's HTTP answer
	Replies  []Reply       // replies committed for the phone during the turn
	Waited   time.Duration // from sending to the turn settling
	Settled  bool          // false: the bot did not finish within the wait budget
}

// Text is every reply of the turn, joined by newlines.
func (tu *Turn) Text() string {
	parts := make([]string, len(tu.Replies))
	for i, r := range tu.Replies {
		parts[i] = r.Body
	}
	return strings.Join(parts, "\n")
}

// Quote is the turn for failure messages: what was sent, what came back.
func (tu *Turn) Quote() string {
	if len(tu.Replies) == 0 {
		return fmt.Sprintf("sent %q, the bot sent no reply (webhook %s)", tu.Sent, tu.Response)
	}
	return fmt.Sprintf("sent %q, the bot answered %q", tu.Sent, tu.Text())
}

// Say sends a signed text message from phone and waits for the bot's turn.
func (tg *Target) Say(t testing.TB, phone, text string) *Turn {
	t.Helper()
	body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
	tu := tg.Deliver(t, body)
	tu.Sent = text
	return tu
}

// Conversation sends each text in order from phone and returns the turns.
func (tg *Target) Conversation(t testing.TB, phone string, texts ...string) []*Turn {
	t.Helper()
	out := make([]*Turn, len(texts))
	for i, text := range texts {
		out[i] = tg.Say(t, phone, text)
	}
	return out
}

// Deliver signs and posts a WhatsApp body naming one customer phone, then
// waits for the bot's turn to settle and returns the replies it committed.
// The body must be accepted (2xx); use PostWhatsApp to test rejections.
func (tg *Target) Deliver(t testing.TB, body []byte) *Turn {
	t.Helper()
	d, err := parseDelivery(body)
	if err != nil {
		t.Fatalf("Deliver needs a WhatsApp JSON body: %v", err)
	}
	if len(d.phones) != 1 {
		t.Fatalf("Deliver needs a body naming exactly one customer phone, got %v; use PostWhatsApp and WaitTurn", d.phones)
	}
	phone := d.phones[0]
	cursor := tg.Cursor(t, phone)
	start := time.Now()
	resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
	if resp.Status/100 != 2 {
		t.Fatalf("%s refused a signed delivery from %s: %s", tg.M.Name, phone, resp)
	}
	tu := tg.WaitTurn(t, phone, cursor, d.wamids[phone]...)
	tu.Response = resp
	tu.Waited = time.Since(start)
	return tu
}

// WaitTurn waits until the bot has handled the given inbound message ids of
// phone (observe.turn_done_sql) — or, without that query, until a reply
// arrives and then budgets.settle_ms pass in quiet — and returns the replies
// committed after cursor. It never sleeps a fixed time: it wakes on the bot's
// NOTIFY or polls with a growing interval.
func (tg *Target) WaitTurn(t testing.TB, phone string, cursor int64, wamids ...string) *Turn {
	t.Helper()
	tu, err := tg.waitTurn(context.Background(), phone, cursor, wamids)
	if err != nil {
		t.Fatalf("%s: waiting for the bot's turn: %v", tg.M.Name, err)
	}
	return tu
}

// waitBudget is how long a turn may take before the wait gives up: well
// beyond the manifest's reply budget, so "slow" and "never" differ.
func (tg *Target) waitBudget() time.Duration {
	b := 5 * tg.M.Budgets.Reply()
	if b < 5*time.Second {
		b = 5 * time.Second
	}
	return b
}

func (tg *Target) waitTurn(ctx context.Context, phone string, cursor int64, wamids []string) (*Turn, error) {
	ctx, cancel := context.WithTimeout(ctx, tg.waitBudget())
	defer cancel()
	start := time.Now()
	tu := &Turn{Phone: phone}
	obs := tg.M.Observe
	if obs.TurnDoneSQL != "" && len(wamids) > 0 {
		_, live := tg.notifier.next(phone)
		p := newPoller(live)
		for {
			wake, _ := tg.notifier.next(phone)
			done, err := tg.turnsDone(ctx, phone, wamids)
			if err != nil {
				return nil, err
			}
			if done {
				tu.Settled = true
				break
			}
			if p.wait(ctx, wake) != nil {
				break
			}
		}
		replies, err := tg.repliesSince(context.Background(), phone, cursor)
		if err != nil {
			return nil, err
		}
		tu.Replies = replies
		tu.Waited = time.Since(start)
		return tu, nil
	}
	// No completion signal: wait for a first reply (or the settle window when
	// none is expected), then for settle_ms of quiet.
	settle := tg.M.Budgets.Settle()
	if settle <= 0 {
		settle = 150 * time.Millisecond
	}
	firstDeadline := time.Now().Add(tg.M.Budgets.Reply())
	if len(wamids) == 0 {
		firstDeadline = time.Now().Add(settle)
	}
	_, live := tg.notifier.next(phone)
	p := newPoller(live)
	var last time.Time
	for {
		wake, _ := tg.notifier.next(phone)
		replies, err := tg.repliesSince(ctx, phone, cursor)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return nil, err
		}
		if len(replies) > len(tu.Replies) {
			tu.Replies = replies
			last = time.Now()
		}
		now := time.Now()
		if len(tu.Replies) == 0 && now.After(firstDeadline) {
			tu.Settled = true // nothing came: a silent turn
			break
		}
		if len(tu.Replies) > 0 && now.Sub(last) >= settle {
			tu.Settled = true
			break
		}
		if p.wait(ctx, wake) != nil {
			break
		}
	}
	tu.Waited = time.Since(start)
	return tu, nil
}

func (tg *Target) turnsDone(ctx context.Context, phone string, wamids []string) (bool, error) {
	for _, id := range wamids {
		var done bool
		if err := tg.DB.QueryRow(ctx, tg.M.Observe.TurnDoneSQL, phone, id).Scan(&done); err != nil {
			if ctx.Err() != nil {
				return false, nil
			}
			return false, fmt.Errorf("%s: observe.turn_done_sql: %w", tg.M.Path, err)
		}
		if !done {
			return false, nil
		}
	}
	return true, nil
}
