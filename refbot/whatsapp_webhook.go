package refbot

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

const (
	// maxWebhookBody is above Meta's stated 3 MB payload ceiling.
	maxWebhookBody = 4 << 20
	// maxMessagesPerDelivery bounds the work one POST can ask for. Meta
	// batches a handful at most; a body claiming more is refused with 413
	// before anything is processed, so it cannot tie the server up.
	maxMessagesPerDelivery = 1000
)

// handleWhatsAppPost receives a Cloud API webhook. Order matters: read the
// raw body (bounded), verify its signature on those exact bytes, only then
// look at what it says. Messages are processed synchronously, one
// transaction each, so a 200 means every reply is committed.
func (s *Server) handleWhatsAppPost(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read body", http.StatusBadRequest)
		return
	}
	if !validMetaSignature(body, r.Header.Get("X-Hub-Signature-256"), s.cfg.AppSecret) {
		if !s.cfg.Defects.On("skip-signature") {
			http.Error(w, "invalid or missing X-Hub-Signature-256", http.StatusUnauthorized)
			return
		}
		// Seeded defect skip-signature: the "log only" rollout mode of the
		// signature check was never switched to enforcing.
		s.log.Warn("webhook signature mismatch (log-only mode)", "remote", r.RemoteAddr)
	}
	if !isJSONContentType(r.Header.Get("Content-Type")) {
		http.Error(w, "Content-Type must be application/json", http.StatusUnsupportedMediaType)
		return
	}
	if !utf8.Valid(body) {
		http.Error(w, "body is not valid UTF-8", http.StatusBadRequest)
		return
	}
	d, err := parseDelivery(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if len(d.messages) > maxMessagesPerDelivery {
		http.Error(w, "too many messages in one delivery", http.StatusRequestEntityTooLarge)
		return
	}
	if d.skipped > 0 || d.errors > 0 {
		s.log.Warn("webhook parts ignored", "messages_without_sender_or_id", d.skipped, "errors", d.errors)
	}
	// The work outlives a client that hangs up: a half-handled delivery
	// would only be redelivered and deduplicated, but finishing is cheaper.
	ctx := context.WithoutCancel(r.Context())
	for _, m := range d.messages {
		if _, err := s.handleMessage(ctx, m); err != nil {
			s.failMessage(w, m, err)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// failMessage answers a delivery whose message could not be handled. A
// database that cannot work now gets 503 so Meta redelivers (the
// transaction left nothing behind, and what was already committed is
// deduplicated); anything else is a bug of ours: 500.
func (s *Server) failMessage(w http.ResponseWriter, m inboundMessage, err error) {
	if errors.Is(err, errMediaNotImplemented) || !dbUnavailable(err) {
		s.log.Error("webhook message failed", "wamid", m.ID, "type", m.Type, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	s.log.Warn("database unavailable; asking for redelivery", "wamid", m.ID, "reason", shortDBError(err))
	http.Error(w, "temporarily unavailable, retry later", http.StatusServiceUnavailable)
}

// isJSONContentType accepts application/json, text/json and any
// application/*+json, with or without parameters.
func isJSONContentType(value string) bool {
	mt, _, err := mime.ParseMediaType(value)
	if err != nil {
		return false
	}
	return mt == "application/json" || mt == "text/json" ||
		(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}
