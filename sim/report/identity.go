package report

import (
	"fmt"
	"slices"
	"strings"
)

// Identity is what a run ran against, recorded in scores.json so that a
// score can be read later for what it is, and so that a run is only
// compared with a run of the same bot, scenario set and seeded defects.
// It holds no secret: the manifest is named by the hash of its file.
type Identity struct {
	Bot            string `json:"bot"`
	ManifestSHA256 string `json:"manifest_sha256"` // of the manifest file's bytes
	Target         string `json:"target"`          // embedded | local | ssh
	// Defects are the seeded defects the bot ran with, sorted; empty for
	// none (and for a bot that is not the reference bot).
	Defects []string `json:"defects"`
	// Scenarios are the run's batch, sorted by id, each with the hash of its
	// content (its canonical encoding: a comment or a reindent changes nothing).
	Scenarios []ScenarioDigest `json:"scenarios"`
	// ToolVersion is the caas module's version, or its VCS revision, or "devel".
	ToolVersion string `json:"tool_version"`
}

// ScenarioDigest is one scenario of a run's batch.
type ScenarioDigest struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
}

// Known says the identity was recorded (scores.json written before runs
// had identities has none).
func (id Identity) Known() bool { return id.Bot != "" }

// Differences are why a run of identity id cannot be compared with prev, a
// run before it, each in a few words ("defects differ (provider-leak →
// none)"); none when they are comparable: the same bot, the same scenario
// set (ids and contents) and the same seeded defects. What else changed
// (the manifest, the target, the tool) is in Changes: comparing across
// those is the point of comparing.
func (id Identity) Differences(prev Identity) []string {
	if !prev.Known() {
		return []string{"the earlier run recorded no identity (written by an older caas)"}
	}
	var out []string
	if id.Bot != prev.Bot {
		out = append(out, fmt.Sprintf("bots differ (%s → %s)", prev.Bot, id.Bot))
	}
	if !slices.Equal(id.Defects, prev.Defects) {
		out = append(out, fmt.Sprintf("defects differ (%s → %s)", defectList(prev.Defects), defectList(id.Defects)))
	}
	if d := scenarioChange(prev.Scenarios, id.Scenarios); d != "" {
		out = append(out, "scenario sets differ ("+d+")")
	}
	return out
}

// Changes are what differs between two comparable runs besides what
// Differences checks, for the reader of a comparison.
func (id Identity) Changes(prev Identity) []string {
	if !prev.Known() {
		return nil
	}
	var out []string
	if id.ManifestSHA256 != prev.ManifestSHA256 {
		out = append(out, "the manifest changed")
	}
	if id.Target != prev.Target {
		out = append(out, fmt.Sprintf("target %s → %s", prev.Target, id.Target))
	}
	if id.ToolVersion != prev.ToolVersion {
		out = append(out, fmt.Sprintf("caas %s → %s", prev.ToolVersion, id.ToolVersion))
	}
	return out
}

// Line is the identity in one line, for the reports and the terminal.
func (id Identity) Line() string {
	if !id.Known() {
		return "not recorded"
	}
	return fmt.Sprintf("bot %s (manifest sha256 %s), %s target, seeded defects: %s, %d scenarios, caas %s",
		id.Bot, short(id.ManifestSHA256), id.Target, defectList(id.Defects), len(id.Scenarios), id.ToolVersion)
}

func defectList(ds []string) string {
	if len(ds) == 0 {
		return "none"
	}
	return strings.Join(ds, ",")
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// scenarioChange says how two batches differ: scenarios added, removed,
// or edited; "" when they are the same.
func scenarioChange(prev, cur []ScenarioDigest) string {
	before := map[string]string{}
	for _, s := range prev {
		before[s.ID] = s.SHA256
	}
	now := map[string]bool{}
	var added, edited, removed []string
	for _, s := range cur {
		now[s.ID] = true
		switch h, ok := before[s.ID]; {
		case !ok:
			added = append(added, s.ID)
		case h != s.SHA256:
			edited = append(edited, s.ID)
		}
	}
	for _, s := range prev {
		if !now[s.ID] {
			removed = append(removed, s.ID)
		}
	}
	var parts []string
	for _, p := range []struct {
		what string
		ids  []string
	}{{"added", added}, {"removed", removed}, {"edited", edited}} {
		if len(p.ids) > 0 {
			parts = append(parts, p.what+" "+strings.Join(p.ids, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// Errored is a scenario of the run that was not scored: its play failed
// outside the bot's conversation (see transcript.Transcript.Errored).
type Errored struct {
	ID    string `json:"id"`
	Cause string `json:"cause"`
}

// Uncompared is the earlier run this one could not be compared with, and
// why: nothing is called a regression across it.
type Uncompared struct {
	RunID       string   `json:"run_id"`
	Differences []string `json:"differences"`
}

// String reads "not comparable with run X: defects differ (provider-leak → none)".
func (u Uncompared) String() string {
	return fmt.Sprintf("not comparable with run %s: %s", u.RunID, strings.Join(u.Differences, "; "))
}

func redactErrored(es []Errored, redact func(string) string) []Errored {
	out := make([]Errored, len(es))
	for i, e := range es {
		e.Cause = redact(e.Cause)
		out[i] = e
	}
	return out
}
