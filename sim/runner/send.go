package runner

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// sent is what one customer turn did to the bot.
type sent struct {
	replies []botclient.Reply
	waited  time.Duration
	settled bool
	// status is the first non-2xx answer to one of the turn's deliveries
	// (0: all accepted): the bot refused a valid, signed message, which is
	// its fault and is scored.
	status int
}

// send delivers one customer turn the way WhatsApp would and waits for the
// bot's turn once: each message of the turn is its own signed delivery,
// posted in order (a burst's messages one after the other, without waiting
// for the bot in between), then the runner waits until the bot has handled
// all of them. An error is never the bot's conversation: the transport
// failed (connection refused, EOF), the bot refused our signature (the
// secrets are misconfigured), or its database could not be read; the
// scenario is then errored, not scored.
func (r *run) send(ctx context.Context, phone string, turn scenario.Turn) (sent, error) {
	msgs := messages(r.tg.M, phone, turn)
	cursor, err := r.tg.Cursor(ctx, phone)
	if err != nil {
		return sent{}, fmt.Errorf("reading the bot's replies before the turn: %w", err)
	}
	start := time.Now()
	var s sent
	var accepted []string
	for _, msg := range msgs {
		body := fixtures.Delivery(msg).JSON()
		resp, err := r.tg.PostWhatsApp(ctx, body, r.tg.SignWhatsApp(body), nil)
		if err != nil {
			return sent{}, err
		}
		switch {
		case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
			return sent{}, fmt.Errorf("%s refused the signature of a delivery (%s): the secrets the run signs with are not the bot's; check secrets.app_secret in %s", r.tg.M.Name, resp, r.tg.M.File())
		case resp.Status/100 != 2:
			if s.status == 0 {
				s.status = resp.Status
			}
		default:
			accepted = append(accepted, msg.ID)
		}
	}
	if len(accepted) == 0 {
		// Nothing to wait for: the bot said it failed. What it committed
		// before failing is still what the customer saw.
		s.replies, err = r.tg.RepliesSince(ctx, phone, cursor)
		s.waited, s.settled = time.Since(start), true
		return s, err
	}
	tu, err := r.tg.WaitTurn(ctx, phone, cursor, accepted...)
	if err != nil {
		return sent{}, fmt.Errorf("waiting for the bot's turn: %w", err)
	}
	s.replies, s.waited, s.settled = tu.Replies, time.Since(start), tu.Settled
	return s, nil
}

// messages are the WhatsApp messages of one turn, built by fixtures as
// the Cloud API sends them.
func messages(m *bots.Manifest, phone string, t scenario.Turn) []fixtures.Message {
	switch t.Type() {
	case scenario.TurnAudio:
		if t.Voice {
			return []fixtures.Message{fixtures.VoiceNote(phone)}
		}
		return []fixtures.Message{fixtures.Audio(phone)}
	case scenario.TurnImage:
		return []fixtures.Message{fixtures.Image(phone, t.Text)}
	case scenario.TurnDocument:
		return []fixtures.Message{fixtures.Document(phone, t.Filename, t.Text)}
	case scenario.TurnLocation:
		p := t.Place
		if p.Name == "" && p.Address == "" {
			return []fixtures.Message{fixtures.Location(phone, p.Latitude, p.Longitude)}
		}
		return []fixtures.Message{fixtures.Place(phone, p.Latitude, p.Longitude, p.Name, p.Address)}
	case scenario.TurnButton:
		id := t.ID
		if id == "" {
			id = buttonID(m, t.Text)
		}
		if t.List {
			return []fixtures.Message{fixtures.ListReply(phone, id, t.Text, "")}
		}
		return []fixtures.Message{fixtures.ButtonReply(phone, id, t.Text)}
	case scenario.TurnBurst:
		out := make([]fixtures.Message, len(t.Burst))
		for i, text := range t.Burst {
			out[i] = fixtures.Text(phone, text)
		}
		return out
	}
	return []fixtures.Message{fixtures.Text(phone, t.Text)}
}

// buttonID is the id of the button titled title, as a bot labels the
// buttons it offers for its intents (the layers tap them the same way):
// the intent one of whose utterances the title is, else the title in
// lower case with underscores, which a bot that reads titles ignores.
func buttonID(m *bots.Manifest, title string) string {
	want := strings.ToLower(strings.TrimSpace(title))
	intents := make([]string, 0, len(m.Intents.Utterances))
	for intent := range m.Intents.Utterances {
		intents = append(intents, intent)
	}
	sort.Strings(intents) // an utterance shared by two intents names the same one every run
	for _, intent := range intents {
		for _, us := range m.Intents.Utterances[intent] {
			for _, u := range us {
				if strings.ToLower(strings.TrimSpace(u)) == want {
					return intent
				}
			}
		}
	}
	return strings.Join(strings.Fields(want), "_")
}
