package refbot_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every message type of docs/webhooks.md §1.3 is accepted, reduced to the text
// the engine reads (visible as the stored inbound body) and handled as a
// turn; media and unsupported types get a reply, never a 5xx.
func TestWhatsAppMessageTypes(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	media := func(extra object) object {
		m := object{"mime_type": "image/jpeg", "sha256": "81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3", "id": "2754859441498128"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name      string
		kind      string
		content   any
		extra     object // more top-level message keys
		wantBody  string
		wantReply bool
	}{
		{"text is read as its body", "text", object{"body": "quiero viajar a Lisboa"}, nil, "quiero viajar a Lisboa", true},
		{"an image is read as its caption", "image", media(object{"caption": "mi billete"}), nil, "mi billete", true},
		{"an image without caption is handled", "image", media(nil), nil, "", true},
		{"a voice note is handled", "audio", object{"mime_type": "audio/ogg; codecs=opus", "id": "1003383421387256", "voice": true}, nil, "", true},
		{"a video is read as its caption", "video", object{"caption": "Unboxing", "mime_type": "video/mp4", "id": "1246235236765498"}, nil, "Unboxing", true},
		{"a document is read as its caption", "document", object{"caption": "Factura marzo", "filename": "factura.pdf", "mime_type": "application/pdf", "id": "916464893812277"}, nil, "Factura marzo", true},
		{"a sticker is handled", "sticker", object{"mime_type": "image/webp", "id": "1227829768881469", "animated": false}, nil, "", true},
		{"a picked place is read as name and address", "location", object{"latitude": 40.4168, "longitude": -3.7038, "name": "Puerta del Sol", "address": "Plaza de la Puerta del Sol, Madrid"}, nil, "Puerta del Sol, Plaza de la Puerta del Sol, Madrid", true},
		{"a raw location pin is handled", "location", object{"latitude": 40.4168, "longitude": -3.7038}, nil, "", true},
		{"shared contacts are read as their names", "contacts", []object{{"name": object{"formatted_name": "Carmen López", "first_name": "Carmen"}, "phones": []object{{"phone": "+34 600 000 000", "type": "MOBILE"}}}}, nil, "Carmen López", true},
		{"a reaction is read as its emoji", "reaction", object{"message_id": "wamid.refbot.abc", "emoji": "👍"}, nil, "👍", false},
		{"a removed reaction is handled", "reaction", object{"message_id": "wamid.refbot.abc"}, nil, "", false},
		{"an interactive button reply is read as its title", "interactive", object{"type": "button_reply", "button_reply": object{"id": "accept", "title": "Sí, acepto"}}, object{"context": object{"from": "15550783881", "id": "wamid.refbot.prev"}}, "Sí, acepto", true},
		{"an interactive list reply is read as its title", "interactive", object{"type": "list_reply", "list_reply": object{"id": "offer_2", "title": "Oferta 2", "description": "Tarifa fija"}}, nil, "Oferta 2", true},
		{"a template quick-reply button is read as its text", "button", object{"payload": "STOP_PROMOS", "text": "Parar promociones"}, nil, "Parar promociones", true},
		{"an unsupported message is handled", "unsupported", object{"type": "poll_creation"}, object{"errors": []object{{"code": 131051, "title": "Message type unknown"}}}, "", true},
		{"an old unknown message is handled", "unknown", nil, object{"errors": []object{{"code": 131051, "title": "Message type unknown"}}}, "", true},
		{"a type from the future is handled", "hologram", object{"frames": 3}, nil, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			phone := newPhone()
			m := message(phone, newWamid(), c.kind, c.content)
			for k, v := range c.extra {
				m[k] = v
			}
			r := b.deliver(t, envelope(m))
			require.Equal(t, http.StatusOK, r.code, r.body)
			in := inboundOf(t, phone)
			require.Len(t, in, 1)
			assert.Equal(t, c.kind, in[0].Type, "the stored type is WhatsApp's")
			assert.Equal(t, c.wantBody, in[0].Body, "the text the engine read")
			assert.True(t, in[0].Processed)
			assert.Equal(t, 1, mustSession(t, phone).Turn, "the message was a turn")
			if c.wantReply {
				assert.NotEmpty(t, repliesTo(t, phone), "a graceful reply")
			}
		})
	}
}
