package botclient

import (
	"context"
	"fmt"
	"strings"
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
func (tg *Target) Say(ctx context.Context, phone, text string) (*Turn, error) {
	body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
	tu, err := tg.Deliver(ctx, body)
	if tu != nil {
		tu.Sent = text
	}
	return tu, err
}

// Deliver signs and posts a WhatsApp body naming one customer phone, then
// waits for the bot's turn to settle and returns the replies it committed.
// A non-2xx answer is an error (with the turn, for its Response).
func (tg *Target) Deliver(ctx context.Context, body []byte) (*Turn, error) {
	d, err := parseDelivery(body)
	if err != nil {
		return nil, fmt.Errorf("Deliver needs a WhatsApp JSON body: %w", err)
	}
	if len(d.phones) != 1 {
		return nil, fmt.Errorf("Deliver needs a body naming exactly one customer phone, got %v; use PostWhatsApp and WaitTurn", d.phones)
	}
	phone := d.phones[0]
	cursor, err := tg.Cursor(ctx, phone)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	resp, err := tg.PostWhatsApp(ctx, body, tg.SignWhatsApp(body), nil)
	if err != nil {
		return nil, err
	}
	if resp.Status/100 != 2 {
		return &Turn{Phone: phone, Response: resp}, fmt.Errorf("%s refused a signed delivery from %s: %s", tg.M.Name, phone, resp)
	}
	tu, err := tg.WaitTurn(ctx, phone, cursor, d.wamids[phone]...)
	if err != nil {
		return nil, err
	}
	tu.Response = resp
	tu.Waited = time.Since(start)
	return tu, nil
}

// WaitBudget is how long a turn may take before a wait gives up: well
// beyond the manifest's reply budget, so "slow" and "never" differ.
func (tg *Target) WaitBudget() time.Duration {
	b := 5 * tg.M.Budgets.Reply()
	if b < 5*time.Second {
		b = 5 * time.Second
	}
	return b
}

// WaitTurn waits until the bot has handled the given inbound message ids of
// phone (observe.turn_done_sql) — or, without that query, until a reply
// arrives and then budgets.settle_ms pass in quiet — and returns the replies
// committed after cursor. It never sleeps a fixed time: it wakes on the bot's
// NOTIFY or polls with a growing interval. A bot that does not settle within
// WaitBudget gives a Turn with Settled false, not an error.
func (tg *Target) WaitTurn(ctx context.Context, phone string, cursor int64, wamids ...string) (*Turn, error) {
	wctx, cancel := context.WithTimeout(ctx, tg.WaitBudget())
	defer cancel()
	start := time.Now()
	tu := &Turn{Phone: phone}
	var err error
	if tg.M.Observe.TurnDoneSQL != "" && len(wamids) > 0 {
		err = tg.waitDone(wctx, tu, phone, wamids)
	} else {
		err = tg.waitQuiet(wctx, tu, phone, cursor, len(wamids) > 0)
	}
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	replies, err := tg.RepliesSince(ctx, phone, cursor)
	if err != nil {
		return nil, err
	}
	tu.Replies = replies
	tu.Waited = time.Since(start)
	return tu, nil
}

// waitDone waits on the manifest's completion signal for each message.
func (tg *Target) waitDone(ctx context.Context, tu *Turn, phone string, wamids []string) error {
	_, live := tg.notifier.next(phone)
	p := newPoller(live)
	for {
		wake, _ := tg.notifier.next(phone)
		done, err := tg.turnsDone(ctx, phone, wamids)
		if err != nil {
			return err
		}
		if done {
			tu.Settled = true
			return nil
		}
		if p.wait(ctx, wake) != nil {
			return nil // budget spent: not settled
		}
	}
}

// waitQuiet, without a completion signal, waits for a first reply (or only
// the settle window when no reply is expected), then for settle_ms of quiet.
func (tg *Target) waitQuiet(ctx context.Context, tu *Turn, phone string, cursor int64, expectReply bool) error {
	settle := tg.M.Budgets.Settle()
	if settle <= 0 {
		settle = 150 * time.Millisecond
	}
	firstDeadline := time.Now().Add(tg.M.Budgets.Reply())
	if !expectReply {
		firstDeadline = time.Now().Add(settle)
	}
	_, live := tg.notifier.next(phone)
	p := newPoller(live)
	var last time.Time
	seen := 0
	for {
		wake, _ := tg.notifier.next(phone)
		replies, err := tg.RepliesSince(ctx, phone, cursor)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if len(replies) > seen {
			seen = len(replies)
			last = time.Now()
		}
		now := time.Now()
		if seen == 0 && now.After(firstDeadline) {
			tu.Settled = true // nothing came: a silent turn
			return nil
		}
		if seen > 0 && now.Sub(last) >= settle {
			tu.Settled = true
			return nil
		}
		if p.wait(ctx, wake) != nil {
			return nil
		}
	}
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
