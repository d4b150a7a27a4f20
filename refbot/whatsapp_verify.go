package refbot

import (
	"crypto/subtle"
	"io"
	"net/http"
)

// handleWhatsAppVerify answers Meta's one-time subscription check: the
// challenge echoed verbatim when the mode and the verify token match.
func (s *Server) handleWhatsAppVerify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	token := q.Get("hub.verify_token")
	if q.Get("hub.mode") != "subscribe" ||
		subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.VerifyToken)) != 1 {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, q.Get("hub.challenge")) //nolint:errcheck // the client went away
}
