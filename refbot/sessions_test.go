package refbot_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	b := startBot(t)

	t.Run("a first message creates the session at the initial state and starts its phase path", func(t *testing.T) {
		phone := newPhone()
		b.sendText(t, phone, "hola")
		s := mustSession(t, phone)
		assert.Equal(t, businessPhoneID, s.BusinessID, "the business number is kept for Graph sends")
		var from, to, intent string
		require.NoError(t, testDB.pool.QueryRow(ctxFor(t),
			`select from_state, to_phase, intent from transitions where phone = $1 order by id limit 1`, phone).Scan(&from, &to, &intent))
		assert.Equal(t, "", from)
		assert.Equal(t, "greeting", to, "the phase path starts at the initial phase")
		assert.Equal(t, "session_start", intent)
	})

	t.Run("inbound and outbound messages are stored in conversation order", func(t *testing.T) {
		phone := newPhone()
		for _, text := range []string{"hola", "quiero viajar", "a Lisboa"} {
			b.sendText(t, phone, text)
		}
		var dirs []string
		for _, m := range messagesOf(t, phone) {
			dirs = append(dirs, m.Direction)
			if m.Direction == "out" {
				assert.Regexp(t, `^wamid\.refbot\.[0-9a-f]+$`, m.Wamid)
				assert.NotEmpty(t, m.State, "a reply records the state after the turn")
			}
		}
		require.NotEmpty(t, dirs)
		assert.Equal(t, "in", dirs[0])
		assert.Equal(t, 3, countDirection(dirs, "in"))
	})

	t.Run("a redelivered message id gets no second reply", func(t *testing.T) {
		phone := newPhone()
		id := newWamid()
		body := envelope(textMessage(phone, id, "hola"))
		require.Equal(t, http.StatusOK, b.deliver(t, body).code)
		replies := len(repliesTo(t, phone))
		require.NotZero(t, replies)
		require.Equal(t, http.StatusOK, b.deliver(t, body).code, "a duplicate is acknowledged")
		assert.Len(t, repliesTo(t, phone), replies, "no second reply")
		assert.Len(t, inboundOf(t, phone), 1)
		assert.Equal(t, 1, mustSession(t, phone).Turn)
	})

	t.Run("concurrent messages of one phone are handled one at a time", func(t *testing.T) {
		phone := newPhone()
		const n = 12
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				r := b.deliver(t, envelope(textMessage(phone, newWamid(), fmt.Sprintf("burst %d", i))))
				assert.Equal(t, http.StatusOK, r.code)
			})
		}
		wg.Wait()
		msgs := messagesOf(t, phone)
		assert.Equal(t, n, mustSession(t, phone).Turn, "no turn lost to a race")
		// Each turn's rows are written under the session lock, so every
		// message's replies come before the next message's row: two inbound
		// rows in a row would mean two turns ran at once.
		for i := 1; i < len(msgs); i++ {
			assert.False(t, msgs[i-1].Direction == "in" && msgs[i].Direction == "in",
				"rows %d and %d are both inbound: turns overlapped", msgs[i-1].ID, msgs[i].ID)
		}
		assert.Len(t, inboundOf(t, phone), n)
	})

	t.Run("two phones talking at once keep separate sessions", func(t *testing.T) {
		a, c := newPhone(), newPhone()
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Go(func() { b.sendText(t, a, fmt.Sprintf("soy A %d", i)) })
			if i < 3 {
				wg.Go(func() { b.sendText(t, c, fmt.Sprintf("soy C %d", i)) })
			}
		}
		wg.Wait()
		assert.Equal(t, 6, mustSession(t, a).Turn)
		assert.Equal(t, 3, mustSession(t, c).Turn)
		for _, r := range repliesTo(t, c) {
			assert.NotContains(t, r, "soy A", "C never sees A's words")
		}
	})

	t.Run("nothing is sent to an opted-out phone", func(t *testing.T) {
		phone := newPhone()
		b.sendText(t, phone, "hola")
		exec(t, `update sessions set opted_out = true where phone = $1`, phone)
		replies := len(repliesTo(t, phone))
		b.sendText(t, phone, "¿sigues ahí?")
		assert.Len(t, repliesTo(t, phone), replies, "no reply after opting out")
		assert.Len(t, inboundOf(t, phone), 2, "the message itself is still recorded")
	})
}

func countDirection(dirs []string, want string) int {
	n := 0
	for _, d := range dirs {
		if d == want {
			n++
		}
	}
	return n
}
