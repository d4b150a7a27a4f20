package refbot_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Realistic Spanish identifiers a customer types into a chat.
var customerPII = []string{"12345678Z", "X1234567L", "ES91 2100 0418 4502 0005 1332", "4111 1111 1111 1111"}

const piiMessage = "Soy Ana, DNI 12345678Z (mi marido X1234567L), IBAN ES91 2100 0418 4502 0005 1332, tarjeta 4111 1111 1111 1111"

// storedText is every text the bot keeps about phone that may hold
// personal data: sessions, messages both ways, receipts.
func storedText(t testing.TB, phone string) string {
	t.Helper()
	rows, err := testDB.pool.Query(ctxFor(t), `
select data::text from sessions where phone = $1
union all select body from messages where phone = $1
union all select data::text from receipts where phone = $1
union all select recent::text from sessions where phone = $1`, phone)
	require.NoError(t, err)
	defer rows.Close()
	var all []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		all = append(all, s)
	}
	require.NoError(t, rows.Err())
	return strings.Join(all, "\n")
}

func TestPIIIsMaskedAtRest(t *testing.T) {
	t.Parallel()
	b := startBot(t)
	phone := newPhone()
	b.sendText(t, phone, piiMessage)
	stored := storedText(t, phone)
	for _, raw := range customerPII {
		assert.NotContains(t, stored, raw, "stored in the clear")
	}
	in := inboundOf(t, phone)
	require.Len(t, in, 1)
	assert.Contains(t, in[0].Body, "*****678Z", "the DNI keeps its last digits and letter")
	assert.Contains(t, in[0].Body, "1332", "the IBAN keeps its last four")
	assert.Contains(t, in[0].Body, "Soy Ana", "the rest of the message is kept")
}
