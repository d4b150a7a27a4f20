package refbot

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRecoverPanicsAnswers500WithoutInternals(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logs, nil))}
	h := securityHeaders(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		var m map[string]int
		m["boom"]++ // a nil-map write: a real bug, not a simulated one
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhook/whatsapp", nil))

	if rec.Code != http.StatusInternalServerError {
		t.Errorf("got status %d, want 500", rec.Code)
	}
	body := rec.Body.String()
	for _, leak := range []string{"goroutine", ".go:", "nil map", "panic"} {
		if strings.Contains(body, leak) {
			t.Errorf("response body %q shows %q", body, leak)
		}
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
	}
	if !strings.Contains(logs.String(), "nil map") || !strings.Contains(logs.String(), "recover_test.go") {
		t.Errorf("the panic and its stack are not logged: %q", logs.String())
	}
}
