package refbot

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The WhatsApp Cloud API webhook shapes (docs/webhooks.md §1), decoded leniently:
// unknown keys are ignored because Meta adds fields over time.

type waEnvelope struct {
	Object string    `json:"object"`
	Entry  []waEntry `json:"entry"`
}

type waEntry struct {
	ID      string     `json:"id"`
	Changes []waChange `json:"changes"`
}

type waChange struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"` // shape depends on Field; decoded only for "messages"
}

type waValue struct {
	Metadata struct {
		DisplayPhoneNumber string `json:"display_phone_number"`
		PhoneNumberID      string `json:"phone_number_id"`
	} `json:"metadata"`
	Messages []waMessage `json:"messages"`
	Statuses []waStatus  `json:"statuses"`
	Errors   []waError   `json:"errors"`
}

type waStatus struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	RecipientID string `json:"recipient_id"`
}

type waError struct {
	Code  int    `json:"code"`
	Title string `json:"title"`
}

type waMessage struct {
	From        string            `json:"from"`
	ID          string            `json:"id"`
	Timestamp   string            `json:"timestamp"`
	Type        string            `json:"type"`
	Text        *waText           `json:"text"`
	Image       *waMedia          `json:"image"`
	Audio       *waMedia          `json:"audio"`
	Video       *waMedia          `json:"video"`
	Document    *waMedia          `json:"document"`
	Sticker     *waMedia          `json:"sticker"`
	Location    *waLocation       `json:"location"`
	Contacts    []waSharedContact `json:"contacts"`
	Interactive *waInteractive    `json:"interactive"`
	Button      *waButton         `json:"button"`
	Reaction    *waReaction       `json:"reaction"`
	Order       *waText           `json:"order"`
	System      *waText           `json:"system"`
}

type waText struct {
	Body string `json:"body"`
	Text string `json:"text"` // order messages carry "text"
}

type waMedia struct {
	ID       string `json:"id"`
	Caption  string `json:"caption"`
	MimeType string `json:"mime_type"`
	Filename string `json:"filename"`
}

type waLocation struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Name      string  `json:"name"`
	Address   string  `json:"address"`
}

type waSharedContact struct {
	Name struct {
		FormattedName string `json:"formatted_name"`
	} `json:"name"`
}

type waInteractive struct {
	Type        string     `json:"type"`
	ButtonReply *waChoice  `json:"button_reply"`
	ListReply   *waChoice  `json:"list_reply"`
	NfmReply    *waNfmData `json:"nfm_reply"`
}

type waChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type waNfmData struct {
	Body         string `json:"body"`
	ResponseJSON string `json:"response_json"`
}

type waButton struct {
	Payload string `json:"payload"`
	Text    string `json:"text"`
}

type waReaction struct {
	MessageID string `json:"message_id"`
	Emoji     string `json:"emoji"`
}

// inboundMessage is one customer message lifted out of a delivery, with
// the business number it was sent to.
type inboundMessage struct {
	waMessage
	phone      string // normalised From: digits only
	businessID string // metadata.phone_number_id
}

// delivery is what one webhook POST asked of us.
type delivery struct {
	messages []inboundMessage
	statuses int
	errors   int
	skipped  int // messages without a usable sender or id: logged, acked
}

var errBadPayload = errors.New("bad payload")

// parseDelivery decodes a whole webhook body before anything is processed,
// so a malformed part late in the body never leaves the earlier parts
// half-handled. Every entry, change, message and status is visited: Meta
// may batch several in one POST.
func parseDelivery(body []byte) (delivery, error) {
	var env waEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return delivery{}, fmt.Errorf("%w: %s", errBadPayload, jsonErrorSummary(err))
	}
	if env.Object != "whatsapp_business_account" {
		return delivery{}, fmt.Errorf("%w: object is not whatsapp_business_account", errBadPayload)
	}
	var d delivery
	for _, entry := range env.Entry {
		for _, change := range entry.Changes {
			if change.Field != "messages" || len(change.Value) == 0 {
				continue // account, template and quality updates: not a chatbot's business
			}
			var v waValue
			if err := json.Unmarshal(change.Value, &v); err != nil {
				return delivery{}, fmt.Errorf("%w: messages value: %s", errBadPayload, jsonErrorSummary(err))
			}
			d.statuses += len(v.Statuses)
			d.errors += len(v.Errors)
			for _, m := range v.Messages {
				phone := normalisePhone(m.From)
				if phone == "" || m.ID == "" || len(m.ID) > 512 {
					d.skipped++
					continue
				}
				d.messages = append(d.messages, inboundMessage{waMessage: m, phone: phone, businessID: truncate(v.Metadata.PhoneNumberID, 64)})
			}
		}
	}
	return d, nil
}

// normalisePhone keeps the digits of a wa_id ("+34 600-090 012" →
// "34600090012"); anything else in it, or an implausible length, makes it
// unusable ("").
func normalisePhone(raw string) string {
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' || r == ' ' || r == '-':
		default:
			return ""
		}
	}
	if b.Len() < 6 || b.Len() > 20 {
		return ""
	}
	return b.String()
}

// jsonErrorSummary describes a decode error without echoing the body.
func jsonErrorSummary(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s has the wrong type", truncate(typ.Field, 80))
	}
	return "malformed JSON"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
