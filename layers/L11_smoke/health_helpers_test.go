package l11smoke_test

import (
	"encoding/json"
	"fmt"
	"mime"
	"testing"

	"github.com/caas-testing/caas-testing/testutil"
)

// health is one answer of the bot's health endpoint, decoded leniently: a
// bot may report more than these fields.
type health struct {
	resp    *testutil.Response
	fields  map[string]any
	jsonErr error
}

func (h health) text(field string) string {
	if v, ok := h.fields[field].(string); ok {
		return v
	}
	if v, ok := h.fields[field]; ok {
		return fmt.Sprint(v)
	}
	return ""
}

// dbOK reads the report's db field: "ok", or an object whose status is "ok".
func (h health) dbOK() bool {
	switch v := h.fields["db"].(type) {
	case string:
		return v == "ok"
	case map[string]any:
		return v["status"] == "ok"
	case bool:
		return v
	}
	return false
}

func (h health) isJSON() bool {
	mt, _, err := mime.ParseMediaType(h.resp.Header.Get("Content-Type"))
	return err == nil && mt == "application/json" && h.jsonErr == nil
}

// getHealth asks the manifest's health endpoint once.
func getHealth(t *testing.T, tg *testutil.Target) health {
	t.Helper()
	path := tg.M.Endpoints.Health
	if path == "" {
		t.Skipf("%s declares no health endpoint (endpoints.health is empty in %s)", tg.M.Name, tg.M.File())
	}
	h := health{resp: tg.Get(t, path)}
	h.jsonErr = json.Unmarshal([]byte(h.resp.Body), &h.fields)
	return h
}
