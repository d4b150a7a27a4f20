package refbot_test

import (
	"context"

	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// outboundListener LISTENs on the bot's refbot_outbound channel, the
// signal an observer waits on instead of polling or sleeping.
type outboundListener struct{ conn *pgx.Conn }

func listenOutbound(t testing.TB) *outboundListener {
	t.Helper()
	needDB(t)
	conn, err := pgx.Connect(ctxFor(t), testDB.url)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close(context.Background()) })
	_, err = conn.Exec(ctxFor(t), "listen refbot_outbound")
	require.NoError(t, err)
	return &outboundListener{conn: conn}
}

// waitFor blocks until a notification for phone arrives.
func (l *outboundListener) waitFor(t testing.TB, phone string) {
	t.Helper()
	ctx := ctxFor(t)
	for {
		n, err := l.conn.WaitForNotification(ctx)
		require.NoError(t, err, "no NOTIFY refbot_outbound for %s", phone)
		if n.Payload == phone {
			return
		}
	}
}
