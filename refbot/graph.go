package refbot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	neturl "net/url"
	"sync"
	"time"
)

const (
	graphWorkers      = 4    // parallel senders; one phone always uses the same one, so its replies keep their order
	graphQueue        = 1024 // per worker; a full queue makes the webhook wait rather than drop replies
	graphAttempts     = 3
	graphTimeout      = 10 * time.Second
	graphFirstBackoff = 200 * time.Millisecond
)

// graphSender POSTs committed replies to the Graph API send-message
// endpoint in the background. It owns its goroutines: close waits for them.
type graphSender struct {
	base, token string
	client      *http.Client
	log         *slog.Logger
	queues      []chan outbound
	ctx         context.Context // canceled when close gives up waiting
	cancel      context.CancelFunc
	wg          sync.WaitGroup
}

func newGraphSender(base, token string, log *slog.Logger) *graphSender {
	ctx, cancel := context.WithCancel(context.Background())
	g := &graphSender{base: base, token: token, client: &http.Client{Timeout: graphTimeout}, log: log, ctx: ctx, cancel: cancel}
	for range graphWorkers {
		q := make(chan outbound, graphQueue)
		g.queues = append(g.queues, q)
		g.wg.Add(1)
		go func() {
			defer g.wg.Done()
			for m := range q {
				if err := g.send(m); err != nil {
					g.log.Error("graph send failed", "phone", m.phone, "wamid", m.wamid, "err", err)
				}
			}
		}()
	}
	return g
}

// sendReplies hands committed replies to the Graph sender, if there is one.
func (s *Server) sendReplies(out []outbound) {
	if s.graph == nil {
		return
	}
	for _, o := range out {
		s.graph.enqueue(o)
	}
}

func (g *graphSender) enqueue(m outbound) {
	h := fnv.New32a()
	h.Write([]byte(m.phone))
	g.queues[h.Sum32()%uint32(len(g.queues))] <- m
}

// close stops taking work and waits for the queued sends; when ctx ends
// first, the sends in flight are canceled.
func (g *graphSender) close(ctx context.Context) error {
	for _, q := range g.queues {
		close(q)
	}
	done := make(chan struct{})
	go func() { g.wg.Wait(); close(done) }()
	select {
	case <-done:
		g.cancel()
		return nil
	case <-ctx.Done():
		g.cancel()
		<-done
		return fmt.Errorf("gave up waiting for queued sends: %w", ctx.Err())
	}
}

// graphText is the Cloud API send-message body for a text (docs/webhooks.md §3.1).
type graphText struct {
	MessagingProduct string `json:"messaging_product"`
	RecipientType    string `json:"recipient_type"`
	To               string `json:"to"`
	Type             string `json:"type"`
	Text             struct {
		PreviewURL bool   `json:"preview_url"`
		Body       string `json:"body"`
	} `json:"text"`
}

// send delivers one reply, retrying a few times on 5xx, 429 and network
// errors; a 4xx is Meta saying no, and retrying would not change its mind.
func (g *graphSender) send(m outbound) error {
	msg := graphText{MessagingProduct: "whatsapp", RecipientType: "individual", To: m.phone, Type: "text"}
	msg.Text.Body = m.body
	payload, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if m.businessID == "" {
		return fmt.Errorf("no phone_number_id known for this customer; nothing sent")
	}
	url := g.base + "/" + neturl.PathEscape(m.businessID) + "/messages"
	wait := graphFirstBackoff
	var lastErr error
	for attempt := 1; attempt <= graphAttempts; attempt++ {
		retry, err := g.post(url, payload)
		if err == nil {
			return nil
		}
		lastErr = err
		if !retry || attempt == graphAttempts {
			break
		}
		select {
		case <-time.After(wait):
			wait *= 2
		case <-g.ctx.Done():
			return fmt.Errorf("canceled after %d attempts: %w", attempt, lastErr)
		}
	}
	return lastErr
}

func (g *graphSender) post(url string, payload []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(g.ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return false, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+g.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := g.client.Do(req)
	if err != nil {
		return g.ctx.Err() == nil, fmt.Errorf("post: %w", err)
	}
	defer resp.Body.Close()
	excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch {
	case resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return true, fmt.Errorf("graph answered %d: %s", resp.StatusCode, excerpt)
	default:
		return false, fmt.Errorf("graph answered %d: %s", resp.StatusCode, excerpt)
	}
}
