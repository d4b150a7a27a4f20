package refbot

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthTimeout bounds the database check so /health answers quickly even
// when PostgreSQL hangs.
const healthTimeout = time.Second

type healthReport struct {
	Status  string `json:"status"`
	Product string `json:"product"`
	Version string `json:"version"`
	DB      string `json:"db"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	report := healthReport{Status: "ok", Product: s.cfg.Product, Version: s.cfg.Version, DB: "ok"}
	code := http.StatusOK
	if s.cfg.Defects.On("slow-health") {
		// Seeded defect slow-health: a "warm-up" wait left in the handler,
		// and a hard-coded "ok" instead of asking the database.
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	} else if err := s.pingDB(r.Context()); err != nil {
		report.Status = "unavailable"
		report.DB = "down: " + shortDBError(err)
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, report)
}

// pingDB runs a real query, not a pool ping, so a database that accepts
// connections but cannot answer is reported down.
func (s *Server) pingDB(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	var one int
	return s.pool.QueryRow(ctx, "select 1").Scan(&one)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away; nothing to do
}
