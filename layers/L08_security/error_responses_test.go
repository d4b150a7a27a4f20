package l08security_test

import (
	"bytes"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// internals is what a response must never show its caller: stack traces,
// source paths, the runtime, database errors and connection strings.
var internals = regexp.MustCompile(`goroutine \d|\.go:\d+|/root/|/home/\w|/usr/local/go|/tmp/go-build|\bpanic\b|runtime\.\w|runtime error|postgres(?:ql)?://|\bhost=\S|password=|sslmode=|SQLSTATE|\bpgx\b|github\.com/caas-testing`)

// badRequest is one request a bot must turn away without telling the
// caller anything about itself.
type badRequest struct {
	name         string
	method, path string
	body         []byte
	header       http.Header
}

// badRequests are the requests of this test: unknown paths, wrong
// methods, unsigned and missigned webhooks, garbage and oversized bodies,
// broken handshakes, receipt ids that are not ids.
func badRequests(t *testing.T, tg *testutil.Target, phone string) []badRequest {
	t.Helper()
	m := tg.M
	jsonCT := http.Header{"Content-Type": {"application/json"}}
	good := fixtures.Delivery(fixtures.Text(phone, testutil.Utterance(t, m, "help", ""))).JSON()
	out := []badRequest{
		{name: "an unknown path", method: "GET", path: "/this/path/does/not/exist"},
		{name: "a path traversal", method: "GET", path: "/../../../../etc/passwd"},
		{name: "an unknown path with a query", method: "GET", path: "/admin?debug=1&trace=1"},
	}
	if p := m.Endpoints.Health; p != "" {
		out = append(out,
			badRequest{name: "POST to the health endpoint", method: "POST", path: p, body: []byte("{}"), header: jsonCT},
			badRequest{name: "DELETE to the health endpoint", method: "DELETE", path: p})
	}
	if p := m.Endpoints.WhatsApp; p != "" {
		sig := func(b []byte) http.Header {
			h := jsonCT.Clone()
			h.Set(fixtures.WhatsAppSignatureHeader, tg.SignWhatsApp(b))
			return h
		}
		wrong := jsonCT.Clone()
		wrong.Set(fixtures.WhatsAppSignatureHeader, fixtures.SignWhatsApp(good, "not-the-app-secret"))
		huge := fixtures.DeliveryOfSize(phone, 4<<20).JSON()
		out = append(out,
			badRequest{name: "a handshake without parameters", method: "GET", path: p},
			badRequest{name: "a handshake with the wrong token", method: "GET", path: p + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=123"},
			badRequest{name: "a handshake with an unknown mode", method: "GET", path: p + "?hub.mode=%27%3B--&hub.verify_token=x&hub.challenge=%3Cscript%3E"},
			badRequest{name: "PUT to the WhatsApp webhook", method: "PUT", path: p, body: good, header: jsonCT},
			badRequest{name: "DELETE to the WhatsApp webhook", method: "DELETE", path: p},
			badRequest{name: "an unsigned delivery", method: "POST", path: p, body: good, header: jsonCT},
			badRequest{name: "a delivery signed with another secret", method: "POST", path: p, body: good, header: wrong},
			badRequest{name: "a signed delivery of 4 MB", method: "POST", path: p, body: huge, header: sig(huge)},
		)
		for _, msg := range []fixtures.Message{fixtures.Image(phone, "mi factura"), fixtures.VoiceNote(phone), fixtures.Location(phone, 40.4168, -3.7038), fixtures.Unsupported(phone, "poll_creation")} {
			body := fixtures.Delivery(msg).JSON()
			out = append(out, badRequest{name: "a signed " + msg.Type + " message", method: "POST", path: p, body: body, header: sig(body)})
		}
		first, err := m.TestPhones.Phone(0)
		if err != nil {
			t.Fatalf("%s: test_phones: %v", m.File(), err)
		}
		for _, b := range fixtures.MalformedWhatsAppBodies() {
			// The fixtures name the range's first phone; this test's own
			// phone takes its place, so nothing lands on another test's.
			body := bytes.ReplaceAll(b.Data, []byte(first), []byte(phone))
			out = append(out, badRequest{name: "a signed body that is " + b.Name, method: "POST", path: p, body: body, header: sig(body)})
		}
	}
	if p := m.Endpoints.Stripe; p != "" {
		event := fixtures.CheckoutCompleted(phone, 100).JSON()
		badSig := jsonCT.Clone()
		badSig.Set(fixtures.StripeSignatureHeader, "t=1,v1=deadbeef")
		out = append(out,
			badRequest{name: "an unsigned Stripe event", method: "POST", path: p, body: event, header: jsonCT},
			badRequest{name: "a Stripe event with a bad signature", method: "POST", path: p, body: event, header: badSig},
			badRequest{name: "GET on the Stripe webhook", method: "GET", path: p},
		)
	}
	if p := m.Endpoints.Receipt; p != "" {
		for _, id := range []string{"not-an-id", "R-zzzzzzzz", "R-00000000", "%27%20OR%201%3D1--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", strings.Repeat("R", 8000)} {
			out = append(out, badRequest{name: "the receipt " + begin(id, 30), method: "GET", path: strings.ReplaceAll(p, "{id}", id)})
		}
	}
	return out
}

// secretsOf are the secrets a response must never carry: the ones the
// target signs with and every secret the manifest resolved (its database
// URL and password included).
func secretsOf(tg *testutil.Target) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(tg.SecretValues(), tg.M.SecretValues()...) {
		if len(s) >= 6 && !seen[s] { // shorter ones would match by chance
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// assertNothingInternal checks a response's body and headers carry no
// internals and no secret.
func assertNothingInternal(t testing.TB, tg *testutil.Target, resp *testutil.Response, what string) {
	t.Helper()
	var hdr []string
	for k, vs := range resp.Header {
		hdr = append(hdr, k+": "+strings.Join(vs, ", "))
	}
	sort.Strings(hdr)
	all := resp.Body + "\n" + strings.Join(hdr, "\n")
	if loc := internals.FindStringIndex(all); loc != nil {
		assert.Failf(t, "a response shows the bot's internals", "%s answered HTTP %d showing %q; body %q", what, resp.Status, all[loc[0]:loc[1]], begin(resp.Body, 500))
	}
	for _, s := range secretsOf(tg) {
		if strings.Contains(all, s) {
			assert.Failf(t, "a response carries a secret", "%s answered HTTP %d with one of the bot's secrets in its body or headers (value withheld)", what, resp.Status)
		}
	}
}

// Requests a bot must turn away — unknown paths, wrong methods, unsigned
// and missigned webhooks, garbage and oversized bodies, broken handshakes,
// receipt ids that are not ids — are answered without a stack trace, a
// source or file-system path, a database error, a connection string or a
// secret, in the body or the headers; and the bot stays healthy.
func TestErrorResponsesCarryNoStackTracesInternalPathsOrSecrets(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	for _, r := range badRequests(t, tg, phone) {
		resp := tg.Do(t, r.method, r.path, r.body, r.header)
		assertNothingInternal(t, tg, resp, r.method+" "+begin(r.path, 60)+" ("+r.name+")")
	}
	testutil.AssertHealthy(t, tg, "a series of bad requests")
}
