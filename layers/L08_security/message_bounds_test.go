package l08security_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// whatsAppMaxText is the most characters a WhatsApp text message holds,
// both ways: the bot cannot send a longer reply, nor a customer a longer
// message through WhatsApp itself.
const whatsAppMaxText = 4096

// runesOf is s repeated, cut to exactly n characters.
func runesOf(s string, n int) string {
	r := []rune(strings.Repeat(s, n/utf8.RuneCountInString(s)+1))
	return string(r[:n])
}

// begin is the first n characters of s, for failure messages.
func begin(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Messages at and past the edges of what WhatsApp carries — 4096
// characters of text, 4096 emoji, 20 000 characters, a lone emoji, only
// whitespace, only newlines, one punctuation mark — get a polite reply
// that fits in a WhatsApp message (or, past the limit, a clean refusal),
// and the bot stays healthy.
func TestExtremeMessagesGetBoundedPoliteReplies(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	cases := []struct {
		name, text string
		pastLimit  bool // more than WhatsApp carries: a 4xx is a fair answer
	}{
		{"4096 characters of text", runesOf("quiero reservar un viaje barato ", whatsAppMaxText), false},
		{"4096 emoji", runesOf("😀", whatsAppMaxText), false},
		{"20000 characters, past the WhatsApp limit", runesOf("hola que tal ", 20000), true},
		{"a lone emoji", "🙂", false},
		{"whitespace only", "   \t   ", false},
		{"newlines only", "\n\n\n\n", false},
		{"one punctuation mark", ".", false},
	}
	group(t, "each message", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				env := fixtures.Delivery(fixtures.Text(phone, c.text))
				body := env.JSON()
				cursor := tg.Cursor(t, phone)
				resp := tg.PostWhatsApp(t, body, tg.SignWhatsApp(body))
				require.Less(t, resp.Status, 500, "a signed message of %s answered %s: never a 5xx", c.name, resp)
				if c.pastLimit && resp.Status/100 == 4 {
					return // refused cleanly: fair for what WhatsApp cannot send
				}
				require.Equal(t, 2, resp.Status/100, "a signed message of %s answered %s: want a 2xx", c.name, resp)
				tu := tg.WaitTurn(t, phone, cursor, env.MessageIDs()...)
				tu.Sent = c.name
				what := "a message of " + c.name
				assertAnswered(t, tu, what)
				assertSafeTurn(t, m, tu, tg.Session(t, phone).Phase, what)
				for _, r := range tu.Replies {
					assert.LessOrEqual(t, utf8.RuneCountInString(r.Body), whatsAppMaxText, "after %s the bot sent a reply of %d characters, more than a WhatsApp message holds; it begins %q", what, utf8.RuneCountInString(r.Body), begin(r.Body, 200))
				}
			})
		}
	})
	testutil.AssertHealthy(t, tg, "messages at the edges of WhatsApp's limits")
}
