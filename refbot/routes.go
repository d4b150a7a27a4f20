package refbot

import (
	"errors"
	"net/http"
	"runtime/debug"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", s.handleHealth)
	mux.HandleFunc("GET /webhook/whatsapp", s.handleWhatsAppVerify)
	mux.HandleFunc("POST /webhook/whatsapp", s.handleWhatsAppPost)
	mux.HandleFunc("POST /webhook/stripe", s.handleStripe)
	mux.HandleFunc("GET /receipt/{id}", s.handleReceipt)
	return securityHeaders(s.recoverPanics(mux))
}

// securityHeaders sets the headers every response carries, whatever its
// type: nothing here is meant to be framed, sniffed, cached or to leak the
// URL it came from.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a logged 500 with a fixed body, so a bug
// never kills the process nor shows a stack trace to the caller.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			s.log.Error("panic while handling request", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			http.Error(w, "internal error", http.StatusInternalServerError)
		}()
		next.ServeHTTP(w, r)
	})
}
