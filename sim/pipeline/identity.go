package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/report"
	"github.com/caas-testing/caas-testing/sim/scenario"
)

// IdentityFile is the file of a run directory that records what the run
// plays against, written when it starts: a resume must play against the
// same, and a later `caas sim judge` reports it.
const IdentityFile = "identity.json"

// identityOf is what a run of scs against m with defects plays against.
// defects count only for an embedded target: a local bot has none the
// suite switched on.
func identityOf(m *bots.Manifest, scs []*scenario.Scenario, defects string) (report.Identity, error) {
	id := report.Identity{Bot: m.Name, Target: string(m.Target.Kind), Defects: []string{}, ToolVersion: ToolVersion()}
	if id.Target == "" {
		id.Target = string(bots.TargetEmbedded)
	}
	if m.Path != "" {
		data, err := os.ReadFile(m.Path)
		if err != nil {
			return id, fmt.Errorf("hashing the manifest: %w", err)
		}
		id.ManifestSHA256 = sha256Hex(data)
	}
	if id.Target == string(bots.TargetEmbedded) {
		id.Defects = defectSet(defects)
	}
	for _, sc := range scs {
		data, err := sc.Marshal() // its content, not its comments or indentation
		if err != nil {
			return id, err
		}
		id.Scenarios = append(id.Scenarios, report.ScenarioDigest{ID: sc.ID, SHA256: sha256Hex(data)})
	}
	sort.Slice(id.Scenarios, func(i, j int) bool { return id.Scenarios[i].ID < id.Scenarios[j].ID })
	return id, nil
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// defectSet is a comma-separated list of defects as a sorted set.
func defectSet(list string) []string {
	out := []string{}
	for _, d := range strings.Split(list, ",") {
		if d = strings.TrimSpace(d); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}

// ToolVersion is the version of caas that runs: the module's version when
// it was built as a released module, else its VCS revision (with -dirty
// for uncommitted changes), else "devel" (go test, go run without VCS
// information).
func ToolVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "devel+" + rev + dirty
}

// recordIdentity writes id to the run directory, after checking that a
// run being resumed plays against the same bot configuration it started
// with: transcripts of a bot with seeded defects and of the clean bot in
// one run would make its scores mean nothing.
func recordIdentity(runDir string, id report.Identity) error {
	path := filepath.Join(runDir, IdentityFile)
	if was, err := readIdentity(runDir); err == nil && was != nil {
		var why []string
		if !slices.Equal(was.Defects, id.Defects) {
			why = append(why, fmt.Sprintf("seeded defects %s, not %s", list(was.Defects), list(id.Defects)))
		}
		if was.Target != id.Target {
			why = append(why, fmt.Sprintf("a %s target, not %s", was.Target, id.Target))
		}
		if len(why) > 0 {
			return usageError("run %s was started with %s; resume it with the same settings (-defects %s), or use a new run id", filepath.Base(runDir), strings.Join(why, " and "), strings.Join(was.Defects, ","))
		}
	}
	data, err := json.MarshalIndent(id, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(runDir, 0o755); err != nil {
		return fmt.Errorf("recording the run's identity: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("recording the run's identity: %w", err)
	}
	return nil
}

// readIdentity is the identity a run recorded; nil, nil for a run that
// recorded none (played by an older caas).
func readIdentity(runDir string) (*report.Identity, error) {
	data, err := os.ReadFile(filepath.Join(runDir, IdentityFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var id report.Identity
	if err := json.Unmarshal(data, &id); err != nil {
		return nil, fmt.Errorf("%s: %w; delete it to record the run again", filepath.Join(runDir, IdentityFile), err)
	}
	return &id, nil
}

func list(ds []string) string {
	if len(ds) == 0 {
		return "none"
	}
	return strings.Join(ds, ",")
}
