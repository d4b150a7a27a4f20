package refbot

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/refbot/engine"
)

// mediaTypes are the message types whose content is a file we never
// download: the engine only sees the caption.
var mediaTypes = map[string]bool{"image": true, "audio": true, "video": true, "document": true, "sticker": true}

// knownTypes are the WhatsApp message types the engine is told about by
// name; any other type reaches it as "unsupported".
var knownTypes = map[string]bool{
	"text": true, "image": true, "audio": true, "video": true, "document": true, "sticker": true,
	"location": true, "contacts": true, "interactive": true, "button": true, "reaction": true,
	"order": true, "system": true, "request_welcome": true, "unsupported": true,
}

// toInbound reduces one WhatsApp message to what the engine reads: a type,
// a text (body, caption, button title, place name, ...) and, for taps on
// buttons and lists, the choice id. Missing optional objects are fine: the
// text is then empty and the engine answers gracefully.
func toInbound(m waMessage) engine.Inbound {
	in := engine.Inbound{Type: m.Type}
	switch m.Type {
	case "text":
		if m.Text != nil {
			in.Text = m.Text.Body
		}
	case "image", "audio", "video", "document", "sticker":
		if media := m.media(); media != nil {
			in.Text = media.Caption
		}
	case "interactive":
		if m.Interactive != nil {
			switch {
			case m.Interactive.ButtonReply != nil:
				in.Text, in.ChoiceID = m.Interactive.ButtonReply.Title, m.Interactive.ButtonReply.ID
			case m.Interactive.ListReply != nil:
				in.Text, in.ChoiceID = m.Interactive.ListReply.Title, m.Interactive.ListReply.ID
			case m.Interactive.NfmReply != nil:
				in.Text = m.Interactive.NfmReply.Body
			}
		}
	case "button":
		if m.Button != nil {
			in.Text, in.ChoiceID = m.Button.Text, m.Button.Payload
		}
	case "location":
		if m.Location != nil {
			in.Text = joinNonEmpty(", ", m.Location.Name, m.Location.Address)
		}
	case "contacts":
		names := make([]string, 0, len(m.Contacts))
		for _, c := range m.Contacts {
			names = append(names, c.Name.FormattedName)
		}
		in.Text = joinNonEmpty(", ", names...)
	case "reaction":
		if m.Reaction != nil {
			in.Text = m.Reaction.Emoji // empty when a reaction is removed
		}
	case "order":
		if m.Order != nil {
			in.Text = m.Order.Text
		}
	case "system":
		if m.System != nil {
			in.Text = m.System.Body
		}
	default:
		if !knownTypes[m.Type] {
			in.Type = "unsupported"
		}
	}
	in.Text = cleanText(in.Text)
	in.ChoiceID = cleanText(in.ChoiceID)
	return in
}

func (m waMessage) media() *waMedia {
	switch m.Type {
	case "image":
		return m.Image
	case "audio":
		return m.Audio
	case "video":
		return m.Video
	case "document":
		return m.Document
	case "sticker":
		return m.Sticker
	}
	return nil
}

// errMediaNotImplemented is the error of the crash-on-media seeded defect.
var errMediaNotImplemented = fmt.Errorf("media download not implemented")

// checkMedia is where the crash-on-media seeded defect lives: a media
// branch that was never finished returns an error instead of letting the
// engine answer, and the webhook turns it into a 500.
func (s *Server) checkMedia(m waMessage) error {
	if s.cfg.Defects.On("crash-on-media") && (mediaTypes[m.Type] || m.Type == "location") {
		return fmt.Errorf("%s message %s: %w", m.Type, m.ID, errMediaNotImplemented)
	}
	return nil
}

// cleanText drops NUL characters, which PostgreSQL text and jsonb cannot
// store (a "\u0000" escape in a signed JSON body is legal).
func cleanText(s string) string {
	return strings.ReplaceAll(s, "\x00", "")
}

func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
