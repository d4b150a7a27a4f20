package l08security_test

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// harmlessText is free text any name, place or address field takes, used
// to find which steps of the walk store what the customer types.
const harmlessText = "Ulises Quiroga Benavente"

// receiptRoute is the walk to the first receipt, which of its steps take
// free text, and the receipt page rendered for harmless text.
type receiptRoute struct {
	path     []bots.Step
	carriers map[int]bool // steps where the customer's own words are stored
	baseline markup
}

// findReceiptRoute walks a phone along the happy path, offering
// harmlessText first at every step in graph.personal_data_phases: a step
// that accepts it (lands where the manifest says) carries free text to the
// bot's records. The walk ends at the step that creates a receipt.
func findReceiptRoute(t *testing.T, tg *testutil.Target) receiptRoute {
	t.Helper()
	tg.Endpoint(t, "receipt")
	m := tg.M
	phone := tg.Phone(t)
	r := receiptRoute{carriers: map[int]bool{}}
	path := tg.HappyPath(t, "")
	for i, st := range path {
		from := m.StateBefore(path, i)
		if slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(from)) {
			tu := tg.Say(t, phone, harmlessText)
			s := tg.Session(t, phone)
			switch s.State {
			case st.State:
				r.carriers[i] = true
			case from:
				take(t, tg, phone, st, nil)
			default:
				t.Fatalf("in state %s, free text moved the session to %s, neither the step's target %s nor staying; %s", from, s.State, st.State, tu.Quote())
			}
		} else {
			take(t, tg, phone, st, nil)
		}
		if id := tg.ReceiptID(t, phone); id != "" {
			r.path = path[:i+1]
			page := tg.Get(t, receiptPath(t, tg, id))
			require.Equal(t, 200, page.Status, "GET the receipt %s of a walk with harmless data: %s", id, page)
			r.baseline = scanHTML(page.Body)
			if !strings.Contains(r.baseline.text, harmlessText) {
				t.Skipf("%s: the receipt page shows none of the free text the customer typed (%q at the steps of graph.personal_data_phases), so nothing a customer types can reach it", m.Name, harmlessText)
			}
			return r
		}
	}
	t.Fatalf("%s: the whole happy path created no receipt, though endpoints.receipt and observe.receipt_sql are set", m.File())
	return r
}

// Every payload of the XSS corpus is given as the customer's own data —
// as their WhatsApp profile name, and as their answer at every step that
// stores free text (name, destination, address) — on the way to the step
// that creates a receipt. The receipt page, parsed as a browser would,
// must have no element, event handler or script URL the payload brought
// in, and must show the payload as text.
func TestXSSInNamesAndFreeTextIsEscapedOnTheReceiptPage(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	route := findReceiptRoute(t, tg)
	var carried, shown atomic.Int32
	group(t, "each payload", func(t *testing.T) {
		for _, a := range fixtures.MustCorpus(fixtures.CorpusXSS) {
			t.Run(a.Name, func(t *testing.T) {
				t.Parallel()
				phone := tg.Phone(t)
				if !walkWithPayload(t, tg, phone, route, a.Payload) {
					t.Skipf("the bot refused %q at every free-text step of the walk, so it never reached the receipt", a.Payload)
				}
				carried.Add(1)
				id := tg.ReceiptID(t, phone)
				require.NotEmpty(t, id, "the walk with %q ended at the step that creates a receipt, but observe.receipt_sql finds none", a.Payload)
				path := receiptPath(t, tg, id)
				page := tg.Get(t, path)
				require.Equal(t, 200, page.Status, "GET %s: %s", path, page)
				got := scanHTML(page.Body)
				what := "GET " + path + " with " + quote(a.Payload) + " in the customer's data"
				assert.Empty(t, got.extraTags(route.baseline), "%s: the payload became markup; page:\n%s", what, page.Body)
				assert.Empty(t, got.handlers, "%s: the page has event handlers; page:\n%s", what, page.Body)
				assert.Empty(t, got.scriptJS, "%s: the page has script URLs; page:\n%s", what, page.Body)
				if strings.Contains(got.text, tail(a.Payload)) {
					shown.Add(1)
				}
			})
		}
	})
	if carried.Load() == 0 {
		t.Fatalf("%s: not one XSS payload was accepted at a free-text step, so no receipt page was checked", m.Name)
	}
	assert.NotZero(t, shown.Load(), "%s: of %d payloads that reached a receipt, none shows on its page as text: the page must show what the customer typed, escaped", m.Name, carried.Load())
}

// walkWithPayload walks phone along route, sending every message with
// payload as the WhatsApp profile name, and payload itself as the answer
// at each free-text step (the manifest's utterance when the bot refuses
// it). It reports whether any step took the payload; it skips the test
// when the payload sends the session off the route.
func walkWithPayload(t *testing.T, tg *testutil.Target, phone string, route receiptRoute, payload string) bool {
	t.Helper()
	m := tg.M
	say := func(text string) *testutil.Turn {
		tu := tg.Deliver(t, fixtures.Delivery(fixtures.Text(phone, text, fixtures.WithName(payload))).JSON())
		tu.Sent = text
		return tu
	}
	carried := false
	for i, st := range route.path {
		from := m.StateBefore(route.path, i)
		if route.carriers[i] {
			tu := say(payload)
			s := tg.Session(t, phone)
			if s.State == st.State {
				carried = true
				continue
			}
			if s.State != from {
				t.Skipf("in state %s the payload moved the session to %s, off the walk to the receipt; %s", from, s.State, tu.Quote())
			}
		}
		var tu *testutil.Turn
		if tg.IsEvent(st.Intent) {
			tu = tg.Take(t, phone, st.Intent, "")
		} else {
			tu = say(testutil.Utterance(t, m, st.Intent, ""))
		}
		got := tg.Session(t, phone)
		require.Equal(t, st.State, got.State, "walking %s: intent %s should lead to %s (manifest); %s", phone, st.Intent, st.State, tu.Quote())
	}
	return carried
}

// tail is the end of payload a page showing it as text must contain:
// its last 12 characters, without the NULs no database keeps.
func tail(payload string) string {
	p := strings.TrimSpace(strings.ReplaceAll(payload, "\x00", ""))
	for utf8.RuneCountInString(p) > 12 {
		_, n := utf8.DecodeRuneInString(p)
		p = p[n:]
	}
	return p
}
