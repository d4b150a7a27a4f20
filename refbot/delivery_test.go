package refbot_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWhatsAppDeliveries(t *testing.T) {
	t.Parallel()
	b := startBot(t)

	t.Run("every entry, change and message of one delivery is handled, in order", func(t *testing.T) {
		p1, p2 := newPhone(), newPhone()
		body := delivery(
			entry(
				change("messages", messagesValue(textMessage(p1, newWamid(), "uno"), textMessage(p1, newWamid(), "dos"))),
				change("messages", statusValue("read")),
				change("messages", messagesValue(textMessage(p2, newWamid(), "tres"))),
			),
			entry(change("messages", messagesValue(textMessage(p1, newWamid(), "cuatro")))),
		)
		r := b.deliver(t, body)
		require.Equal(t, http.StatusOK, r.code, r.body)
		var got []string
		for _, m := range inboundOf(t, p1) {
			got = append(got, m.Body)
		}
		assert.Equal(t, []string{"uno", "dos", "cuatro"}, got)
		assert.Len(t, inboundOf(t, p2), 1)
		assert.Equal(t, 3, mustSession(t, p1).Turn)
	})

	t.Run("a delivery of 1000 messages is handled in seconds, not minutes", func(t *testing.T) {
		phones := []string{newPhone(), newPhone(), newPhone(), newPhone()}
		var msgs []object
		for i := range 1000 {
			msgs = append(msgs, textMessage(phones[i%len(phones)], newWamid(), "mensaje"))
		}
		start := time.Now()
		r := b.deliver(t, envelope(msgs...))
		elapsed := time.Since(start)
		require.Equal(t, http.StatusOK, r.code, r.body)
		assert.Equal(t, 1000, countRows(t, `select count(*) from messages where direction = 'in' and processed_at is not null and phone = any($1)`, phones))
		assert.Less(t, elapsed, time.Minute, "1000 messages took %s", elapsed)
		t.Logf("1000 messages in one delivery: %s", elapsed)
	})

	t.Run("a delivery of more than 1000 messages is refused with 413 and nothing stored", func(t *testing.T) {
		phone := newPhone()
		var msgs []object
		for range 1001 {
			msgs = append(msgs, textMessage(phone, newWamid(), "spam"))
		}
		r := b.deliver(t, envelope(msgs...))
		assert.Equal(t, http.StatusRequestEntityTooLarge, r.code, r.body)
		assert.Empty(t, messagesOf(t, phone))
	})
}
