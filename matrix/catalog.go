package matrix

import "sort"

// catalog is the "must catch" column of docs/layers.md §4: the layers that must go
// red when the defect is on. It is copied here rather than parsed because the
// table in docs/layers.md is written for people; a test ties it to refbot/defect.All,
// so a new defect cannot be added without saying who must catch it.
var catalog = map[string][]string{
	"skip-signature":         {"04"},
	"stripe-replay":          {"04"},
	"stripe-duplicate":       {"04"},
	"duplicate-reply":        {"03", "04"},
	"crash-on-media":         {"04"},
	"session-crosstalk":      {"03", "08"},
	"lost-on-restart":        {"03"},
	"dead-end-state":         {"07"},
	"phase-skip":             {"07", "12", "13"},
	"provider-leak":          {"08", "10", "13"},
	"commission-leak":        {"08", "10"},
	"prompt-leak":            {"08"},
	"xss-echo":               {"08"},
	"sql-concat":             {"08"},
	"pii-plaintext":          {"08"},
	"no-optout":              {"12"},
	"claims-human":           {"12", "13"},
	"no-handoff":             {"12"},
	"wrong-language":         {"12"},
	"gdpr-retention-missing": {"10"},
	"slow-health":            {"11"},
	"loop-reply":             {"13"},
}

// CatalogLayers returns the layer numbers ("04") that docs/layers.md §4 says
// must catch the defect, sorted; nil for a defect the catalog does not name.
func CatalogLayers(defect string) []string {
	out := append([]string(nil), catalog[defect]...)
	sort.Strings(out)
	return out
}
