package judge

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// loadManifest reads testdata/manifests/<bot>.yaml.
func loadManifest(t *testing.T, bot string) *bots.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "manifests", bot+".yaml"))
	require.NoError(t, err)
	var m bots.Manifest
	require.NoError(t, yaml.Unmarshal(data, &m), "manifest %s", bot)
	return &m
}

// loadScenario reads testdata/scenarios/<bot>/<id>.yaml.
func loadScenario(t *testing.T, bot, id string) *scenario.Scenario {
	t.Helper()
	path := filepath.Join("testdata", "scenarios", bot, id+".yaml")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var sc scenario.Scenario
	require.NoError(t, yaml.Unmarshal(data, &sc), "scenario %s", path)
	sc.Path = path
	return &sc
}

// loadTranscript reads testdata/transcripts/<bot>/<id>.jsonl the way the
// runner writes it: a header line, turn lines, an optional end line.
func loadTranscript(t *testing.T, bot, id string) *transcript.Transcript {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "transcripts", bot, id+".jsonl"))
	require.NoError(t, err)
	defer f.Close()
	var tr transcript.Transcript
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var kind struct{ Kind string }
		require.NoError(t, json.Unmarshal(line, &kind))
		switch kind.Kind {
		case "header":
			require.NoError(t, json.Unmarshal(line, &tr.Header))
		case "turn":
			var tn transcript.Turn
			require.NoError(t, json.Unmarshal(line, &tn))
			tr.Turns = append(tr.Turns, tn)
		case "end":
			tr.End = &transcript.End{}
			require.NoError(t, json.Unmarshal(line, tr.End))
		default:
			t.Fatalf("%s: unknown line kind %q", f.Name(), kind.Kind)
		}
	}
	require.NoError(t, sc.Err())
	return &tr
}

// fixture is one testdata transcript with its scenario.
type fixture struct{ bot, id string }

// fixtures lists every testdata transcript, sorted by bot then id.
func fixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "transcripts", "*", "*.jsonl"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []fixture
	for _, p := range paths {
		out = append(out, fixture{bot: filepath.Base(filepath.Dir(p)), id: strings.TrimSuffix(filepath.Base(p), ".jsonl")})
	}
	return out
}

// scoreFixture scores one testdata transcript.
func scoreFixture(t *testing.T, bot, id string) Result {
	t.Helper()
	return Score(loadTranscript(t, bot, id), loadScenario(t, bot, id), loadManifest(t, bot))
}

// findingsOf returns the findings of one rule.
func findingsOf(r Result, rule string) []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}
