package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// earlierMessage stands for a message the bot sent before, as reactions
// name one; a bot must not need to know it.
const earlierMessage = "wamid.HBgLMzQ2MDAwOTAwMDAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"

// sendTyped posts one signed message mid-conversation and, when it is
// accepted, waits for the bot's turn. It returns the turn (with the HTTP
// answer) and whether the webhook answered 2xx.
func sendTyped(t *testing.T, tg *testutil.Target, msg fixtures.Message, what string) (*testutil.Turn, bool) {
	t.Helper()
	cursor := tg.Cursor(t, msg.From)
	body := fixtures.Delivery(msg).JSON()
	resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
	if !assert.Equal(t, 2, resp.Status/100, "%s, signed, from %s answered %s; a valid payload the bot cannot use must still be acknowledged 200, never a 5xx", what, msg.From, resp) {
		return &testutil.Turn{Phone: msg.From, Sent: what, Response: resp}, false
	}
	tu := tg.WaitTurn(t, msg.From, cursor, msg.ID)
	tu.Sent, tu.Response = "["+what+"]", resp
	assert.True(t, tu.Settled, "the bot did not finish handling %s within %v", what, tg.WaitBudget())
	return tu, true
}

// Customers send photos, voice notes, stickers, pins and contact cards at
// any moment. The bot cannot read them, but it must acknowledge them, say so
// politely or stay quiet, and never take one as an answer (a photo is not
// consent).
func TestEveryMediaAndNonTextMessageGetsAGracefulAnswerNeverA5xx(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	consent, _ := consentState(t, tg.M)
	card := fixtures.CardOf(fixtures.PersonForPhone("34600090099"))
	// A thumbs-up may arguably answer a question; nothing else here can.
	mayMeanYes := map[string]bool{"a reaction": true}
	cases := []struct {
		what string
		msg  func(phone string) fixtures.Message
	}{
		{"an image with a caption", func(p string) fixtures.Message { return fixtures.Image(p, "mi factura") }},
		{"an image without a caption", func(p string) fixtures.Message { return fixtures.Image(p, "") }},
		{"an audio file", func(p string) fixtures.Message { return fixtures.Audio(p) }},
		{"a voice note", func(p string) fixtures.Message { return fixtures.VoiceNote(p) }},
		{"a video", func(p string) fixtures.Message { return fixtures.Video(p, "") }},
		{"a document", func(p string) fixtures.Message { return fixtures.Document(p, "factura-marzo.pdf", "Factura de marzo") }},
		{"a sticker", func(p string) fixtures.Message { return fixtures.Sticker(p, false) }},
		{"an animated sticker", func(p string) fixtures.Message { return fixtures.Sticker(p, true) }},
		{"a location pin", func(p string) fixtures.Message { return fixtures.Location(p, 40.4168, -3.7038) }},
		{"a picked place", func(p string) fixtures.Message {
			return fixtures.Place(p, 41.3874, 2.1686, "Plaça de Catalunya", "Plaça de Catalunya, 08002 Barcelona")
		}},
		{"a shared contact card", func(p string) fixtures.Message { return fixtures.SharedContacts(p, []fixtures.Card{card}) }},
		{"a reaction", func(p string) fixtures.Message { return fixtures.Reaction(p, earlierMessage, "👍") }},
		{"a removed reaction", func(p string) fixtures.Message { return fixtures.ReactionRemoved(p, earlierMessage) }},
	}
	for _, c := range cases {
		t.Run(c.what+" is answered gracefully or ignored", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			tg.DriveTo(t, phone, consent, "")
			tu, ok := sendTyped(t, tg, c.msg(phone), c.what)
			if !ok {
				return
			}
			assertGracefulReplies(t, tu, c.what)
			testutil.AssertHealthy(t, tg, c.what)
			if s := tg.Session(t, phone); !mayMeanYes[c.what] {
				assert.Equal(t, consent, s.State, "%s moved the session from %s to %s: it is not an answer to the consent question; %s", c.what, consent, s.State, tu.Quote())
			}
		})
	}
}

// WhatsApp passes on messages it cannot show the Cloud API (polls, GIFs,
// group invites) as "unsupported", and older payloads as "unknown"; a type
// invented after the bot was written arrives the same way. The customer
// wrote something: they must be told, politely, to write it as text.
func TestUnknownMessageTypesGetAPoliteFallback(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	cases := []struct {
		what string
		msg  func(phone string) fixtures.Message
	}{
		{"an unsupported poll", func(p string) fixtures.Message { return fixtures.Unsupported(p, "poll_creation") }},
		{"an unsupported GIF", func(p string) fixtures.Message { return fixtures.Unsupported(p, "gif") }},
		{"a legacy unknown message", func(p string) fixtures.Message { return fixtures.Unknown(p) }},
		{"a message of a type invented after the bot", func(p string) fixtures.Message {
			m := fixtures.Text(p, "")
			m.Type, m.Text = "hologram", nil
			return m
		}},
	}
	for _, c := range cases {
		t.Run(c.what+" gets a polite fallback", func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			opened := tg.Say(t, phone, tg.M.Opening())
			require.NotEmpty(t, opened.Replies, "the bot must answer an opening message; %s", opened.Quote())
			tu, ok := sendTyped(t, tg, c.msg(phone), c.what)
			if !ok {
				return
			}
			assert.NotEmpty(t, tu.Replies, "the customer sent %s and heard nothing: the bot must ask them to write it as text", c.what)
			assertGracefulReplies(t, tu, c.what)
		})
	}
}
