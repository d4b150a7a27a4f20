package l04webhook_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// Meta counts anything but a quick 200 as a failed delivery and retries it
// for days; a slow webhook buys duplicate messages.
func TestASignedDeliveryIsAcknowledgedWith200WithinTheReplyBudget(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	// The first messages of a conversation, through consent when the graph
	// asks for it: the turns that create and move a session.
	texts := []string{tg.M.Opening()}
	if e, ok := consentEdge(tg.M); ok {
		if steps := tg.M.ShortestPath(tg.M.Graph.Initial, e.To); len(steps) > 0 {
			texts = texts[:0]
			for _, st := range steps {
				texts = append(texts, testutil.Utterance(t, tg.M, st.Intent, ""))
			}
		}
	}
	for _, text := range texts {
		testutil.AssertAnsweredWithinBudget(t, tg, tg.Say(t, phone, text))
	}
}

// A webhook that trusts unsigned bodies lets anyone on the internet talk as
// any customer. Each forged delivery must be refused before it is read.
func TestUnsignedOrMissignedDeliveriesAreRejectedAndNothingIsStored(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	cases := []struct {
		name string
		sign func(body, other []byte) string
	}{
		{"a delivery without X-Hub-Signature-256 is rejected", func([]byte, []byte) string { return "" }},
		{"a delivery signed with another app secret is rejected", func(body, _ []byte) string {
			return fixtures.SignWhatsApp(body, "not-the-bots-app-secret")
		}},
		{"a delivery carrying the signature of another body is rejected", func(_, other []byte) string {
			return tg.SignWhatsApp(other)
		}},
		{"a truncated signature is rejected", func(body, _ []byte) string {
			return tg.SignWhatsApp(body)[:len("sha256=")+32]
		}},
		{"an empty sha256= signature is rejected", func([]byte, []byte) string { return "sha256=" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			text := tg.M.Opening()
			body := fixtures.Delivery(fixtures.Text(phone, text)).JSON()
			other := fixtures.Delivery(fixtures.Text(phone, text+" otra vez")).JSON()
			resp := tg.PostWhatsApp(t, body, c.sign(body, other))
			assert.Contains(t, []int{401, 403}, resp.Status,
				"%s: a text %q from %s answered %s; want 401 or 403", c.name, text, phone, resp)
			testutil.AssertNothingStored(t, tg, phone, "a forged delivery")
		})
	}
}
