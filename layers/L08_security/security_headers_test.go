package l08security_test

import (
	"mime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

// assertSecurityHeaders checks an HTML response carries what keeps a page
// of customer data from running foreign script, being sniffed into another
// type, framed by another site, or leaking its URL onward.
func assertSecurityHeaders(t testing.TB, resp *testutil.Response, what string) {
	t.Helper()
	h := resp.Header
	ct, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	assert.Equal(t, "text/html", ct, "%s: Content-Type %q, want text/html", what, h.Get("Content-Type"))
	csp := h.Get("Content-Security-Policy")
	assert.NotEmpty(t, csp, "%s: no Content-Security-Policy: nothing stops script that gets onto the page from running", what)
	for _, weak := range []string{"'unsafe-eval'", "script-src *", "default-src *"} {
		assert.NotContains(t, csp, weak, "%s: Content-Security-Policy %q allows %s", what, csp, weak)
	}
	if strings.Contains(csp, "script-src") {
		assert.NotContains(t, strings.SplitN(csp[strings.Index(csp, "script-src"):], ";", 2)[0], "'unsafe-inline'", "%s: Content-Security-Policy %q lets inline script run", what, csp)
	}
	assert.Equal(t, "nosniff", strings.ToLower(h.Get("X-Content-Type-Options")), "%s: X-Content-Type-Options %q, want nosniff", what, h.Get("X-Content-Type-Options"))
	xfo := strings.ToUpper(h.Get("X-Frame-Options"))
	framing := xfo == "DENY" || xfo == "SAMEORIGIN" || strings.Contains(csp, "frame-ancestors")
	assert.True(t, framing, "%s: neither X-Frame-Options (DENY or SAMEORIGIN; got %q) nor a frame-ancestors directive in the Content-Security-Policy (%q): any site can frame the page", what, h.Get("X-Frame-Options"), csp)
	rp := strings.ToLower(h.Get("Referrer-Policy"))
	assert.NotEmpty(t, rp, "%s: no Referrer-Policy: the page's URL (a receipt id) goes to every link it follows", what)
	assert.NotEqual(t, "unsafe-url", rp, "%s: Referrer-Policy unsafe-url sends the page's full URL everywhere", what)
}

// The bot's HTML pages (a receipt, and the page for a receipt that does
// not exist) carry a Content-Security-Policy that allows no inline or
// foreign script, X-Content-Type-Options nosniff, protection from framing
// (X-Frame-Options or frame-ancestors) and a Referrer-Policy.
func TestHTMLPagesCarrySecurityHeaders(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	phone := tg.Phone(t)
	id := walkToReceipt(t, tg, phone, nil)
	for _, c := range []struct{ what, id string }{{"a receipt", id}, {"a receipt that does not exist", "R-00000000"}} {
		path := receiptPath(t, tg, c.id)
		resp := tg.Get(t, path)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") && c.id != id {
			t.Logf("GET %s (%s) answered %s with Content-Type %q: not an HTML page", path, c.what, resp, resp.Header.Get("Content-Type"))
			continue
		}
		assertSecurityHeaders(t, resp, "GET "+path+" ("+c.what+")")
	}
}
