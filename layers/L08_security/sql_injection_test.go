package l08security_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// lookupWith is the manifest's first lookup utterance ("mi referencia es
// R-1a2b3c4d") with payload in place of the reference (its last word), so
// the payload lands where the bot reads a reference and looks it up.
func lookupWith(m *bots.Manifest, payload string) string {
	u := m.Utterance("lookup", m.DefaultLanguage())
	if u == "" {
		return ""
	}
	fields := strings.Fields(u)
	return strings.Join(fields[:len(fields)-1], " ") + " " + payload
}

// bystander is a phone with a receipt of its own, the data an injection
// that widens a query would pull out.
type bystander struct {
	phone, receipt, name string
	state                string
	replies              int
}

// newBystander walks a phone to its first receipt with a person's name of
// its own (when the graph asks for a name). Without a receipt page it
// holds only a session.
func newBystander(t *testing.T, tg *testutil.Target) bystander {
	t.Helper()
	b := bystander{phone: tg.Phone(t)}
	b.name = fixtures.PersonForPhone(b.phone).FullName()
	if tg.M.Endpoints.Receipt != "" && tg.M.Observe.ReceiptSQL != "" {
		b.receipt = walkToReceipt(t, tg, b.phone, map[string]string{"give_name": b.name})
	} else {
		take(t, tg, b.phone, tg.HappyPath(t, "")[0], nil)
	}
	b.state = tg.Session(t, b.phone).State
	b.replies = len(tg.Replies(t, b.phone))
	return b
}

// Every payload of the SQL-injection corpus is sent where the bot looks
// something up (in place of the reference of the manifest's lookup
// utterance) and as a plain message. No reply may show a database error
// or another customer's receipt, none may be slowed by a query that
// sleeps, each message is stored once; and afterwards every table is
// intact: another customer's session, replies and receipt are as they
// were, and a new customer can still start a conversation.
func TestSQLInjectionsLeaveNoDatabaseErrorInRepliesAndEveryTableIntact(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	if m.Utterance("lookup", m.DefaultLanguage()) == "" {
		t.Logf("%s: intents.utterances.lookup is empty: payloads go in plain messages only", m.File())
	}
	other := newBystander(t, tg)

	group(t, "each payload", func(t *testing.T) {
		for _, a := range fixtures.MustCorpus(fixtures.CorpusSQLInjection) {
			t.Run(a.Name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				texts := []string{a.Payload}
				if l := lookupWith(m, a.Payload); l != "" {
					texts = append([]string{l}, texts...)
				}
				for _, text := range texts {
					tu := tg.Say(t, phone, text)
					what := "the SQL injection " + a.Name
					assertAnswered(t, tu, what)
					assertSafeTurn(t, m, tu, tg.Session(t, phone).Phase, what)
					for _, theirs := range []string{other.receipt, other.name} {
						if theirs != "" {
							assert.NotContains(t, tu.Text(), theirs, "after %s, the reply shows %q, another customer's data (%s); %s", what, theirs, other.phone, tu.Quote())
						}
					}
					if strings.Contains(strings.ToLower(a.Payload), "sleep") {
						assert.Less(t, tu.Waited, m.Budgets.Reply(), "after %s, the turn took %s, past budgets.reply_ms: the payload's sleep ran in the database; %s", what, tu.Waited, tu.Quote())
					}
				}
				if m.Observe.InboundSQL != "" {
					assert.Len(t, tg.Inbound(t, phone), len(texts), "the bot should hold the %d messages of %s sent with the SQL injection %s", len(texts), phone, a.Name)
				}
			})
		}
	})

	t.Run("another customer's data is intact", func(t *testing.T) {
		s := tg.Session(t, other.phone)
		assert.True(t, s.Exists && s.State == other.state, "after the injections, the session of %s is %+v, want it still in %s", other.phone, s, other.state)
		assert.Len(t, tg.Replies(t, other.phone), other.replies, "after the injections, the replies to %s changed in number", other.phone)
		if other.receipt != "" {
			assert.Equal(t, other.receipt, tg.ReceiptID(t, other.phone), "after the injections, the receipt of %s is gone", other.phone)
			page := tg.Get(t, receiptPath(t, tg, other.receipt))
			assert.Equal(t, 200, page.Status, "after the injections, the receipt page of %s answers %s", other.phone, page)
		}
	})
	t.Run("a new customer can still start a conversation", func(t *testing.T) {
		phone := tg.Phone(t)
		first := tg.HappyPath(t, "")[0]
		tu := take(t, tg, phone, first, nil)
		assertAnswered(t, tu, "a first message after the injections")
	})
	testutil.AssertHealthy(t, tg, "the SQL-injection corpus")
}
