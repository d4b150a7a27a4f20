package refbot_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRestart(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	phone := newPhone()
	b.sendText(t, phone, "hola")
	b.sendText(t, phone, "quiero viajar")
	before := mustSession(t, phone)
	addr := b.srv.Addr()

	b.restart(t)

	assert.Equal(t, addr, b.srv.Addr(), "the restarted bot listens on the same address")
	require.Equal(t, http.StatusOK, b.get(t, "/health").code)
	b.sendText(t, phone, "a Lisboa")
	after := mustSession(t, phone)
	assert.Equal(t, before.Turn+1, after.Turn, "the session continues where it was")
	assert.Equal(t, 1, countRows(t, `select count(*) from transitions where phone = $1 and intent = 'session_start'`, phone),
		"the returning customer is not started over")
}

func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	proxy := startDBProxy(t)
	b := startBot(t, withDatabaseURL(proxy.dsn()))
	phone := newPhone()
	b.sendText(t, phone, "hola")

	proxy.cut()
	body := envelope(textMessage(phone, newWamid(), "¿hay alguien?"))
	r := b.deliver(t, body)
	assert.Equal(t, http.StatusServiceUnavailable, r.code, "a 503 makes Meta redeliver: %s", r.body)
	assert.NotContains(t, r.body, proxy.addr)

	proxy.restore(t)
	assert.Len(t, inboundOf(t, phone), 1, "nothing of the failed delivery was half-written")
	r = b.deliver(t, body) // Meta's redelivery
	require.Equal(t, http.StatusOK, r.code, r.body)
	in := inboundOf(t, phone)
	require.Len(t, in, 2)
	assert.True(t, in[1].Processed, "the redelivered message is handled")
	assert.Equal(t, 2, mustSession(t, phone).Turn)
}
