package transcript_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/transcript"
)

var at = time.Date(2026, 11, 25, 22, 15, 30, 0, time.UTC)

func header() transcript.Header {
	return transcript.Header{ScenarioID: "spy-laura", Bot: "cambialeon", RunID: "20261125-221530",
		Phone: "34600090001", Category: "competitive-intel", Persona: "Spy Laura, 34", Language: "es", StartedAt: at}
}

func turn(n int, customer string, replies ...string) transcript.Turn {
	return transcript.Turn{N: n, Customer: customer, Source: "scripted", Replies: replies,
		State: "consent_ask", Phase: "consent", WaitMS: 12.5, SentAt: at.Add(time.Duration(n) * time.Second)}
}

// writeFile writes a whole transcript with a Writer and returns its path.
func writeFile(t *testing.T, redact func(string) string, end bool, turns ...transcript.Turn) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "transcripts", "spy-laura.jsonl")
	w, err := transcript.Create(path, redact)
	require.NoError(t, err)
	require.NoError(t, w.Header(header()))
	for _, tn := range turns {
		require.NoError(t, w.Turn(tn))
	}
	if end {
		require.NoError(t, w.End(transcript.End{PhasePath: []string{"greeting", "consent"}, EndedAt: at.Add(time.Minute)}))
	}
	require.NoError(t, w.Close())
	return path
}

func TestWriterAndRead(t *testing.T) {
	t.Run("a written transcript reads back equal, kinds set", func(t *testing.T) {
		path := writeFile(t, nil, true, turn(1, "hola", "¡Hola!"), turn(2, "<b>sí</b> & acepto", "Perfecto", "¿Cuánto gastas?"))
		got, err := transcript.Read(path)
		require.NoError(t, err)
		want := header()
		want.Kind = transcript.KindHeader
		assert.Equal(t, want, got.Header)
		require.Len(t, got.Turns, 2)
		assert.Equal(t, transcript.KindTurn, got.Turns[1].Kind)
		assert.Equal(t, "<b>sí</b> & acepto", got.Turns[1].Customer)
		assert.Equal(t, []string{"Perfecto", "¿Cuánto gastas?"}, got.Turns[1].Replies)
		require.NotNil(t, got.End)
		assert.Equal(t, []string{"greeting", "consent"}, got.End.PhasePath)
	})
	t.Run("every line is one JSON object on its own line, HTML left readable", func(t *testing.T) {
		path := writeFile(t, nil, true, turn(1, "<script>x</script>"))
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		require.Len(t, lines, 3)
		assert.Contains(t, lines[0], `"kind":"header"`)
		assert.Contains(t, lines[1], `<script>x</script>`)
		assert.Contains(t, lines[2], `"kind":"end"`)
	})
	t.Run("a silent turn is written with an empty replies list, not null", func(t *testing.T) {
		var buf bytes.Buffer
		w := transcript.NewWriter(&buf, nil)
		require.NoError(t, w.Header(header()))
		require.NoError(t, w.Turn(turn(1, "STOP")))
		assert.Contains(t, buf.String(), `"replies":[]`)
	})
	t.Run("every text is redacted before it is written", func(t *testing.T) {
		secret := "app_0123456789abcdef"
		redact := func(s string) string { return strings.ReplaceAll(s, secret, "[REDACTED]") }
		tn := turn(1, "my key is "+secret, "you said "+secret)
		path := writeFile(t, redact, false, tn)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.NotContains(t, string(data), secret)
		assert.Contains(t, string(data), "[REDACTED]")
		assert.Equal(t, "you said "+secret, tn.Replies[0], "the caller's slice is not modified")
	})
	t.Run("lines out of order are refused", func(t *testing.T) {
		w := transcript.NewWriter(&bytes.Buffer{}, nil)
		assert.ErrorContains(t, w.Turn(turn(1, "hola")), "before the header")
		require.NoError(t, w.Header(header()))
		assert.Error(t, w.Header(header()))
		require.NoError(t, w.End(transcript.End{}))
		assert.ErrorContains(t, w.Turn(turn(2, "x")), "after the end line")
	})
}

func TestRead(t *testing.T) {
	complete := writeFile(t, nil, false, turn(1, "hola", "¡Hola!"), turn(2, "sí", "Perfecto"))
	data, err := os.ReadFile(complete)
	require.NoError(t, err)
	write := func(t *testing.T, s string) string {
		p := filepath.Join(t.TempDir(), "x.jsonl")
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}

	t.Run("a transcript without an end line was interrupted: End is nil", func(t *testing.T) {
		got, err := transcript.Read(complete)
		require.NoError(t, err)
		assert.Len(t, got.Turns, 2)
		assert.Nil(t, got.End)
	})
	t.Run("a last line cut mid-write is dropped, the lines before it kept", func(t *testing.T) {
		s := string(data)
		for _, cut := range []int{1, 10, 40} {
			got, err := transcript.Read(write(t, s+`{"kind":"turn","n":3,"customer":"una cosa más"`[:cut]))
			require.NoError(t, err, "cut at %d", cut)
			assert.Len(t, got.Turns, 2, "cut at %d", cut)
		}
	})
	t.Run("a complete last line without its newline is kept", func(t *testing.T) {
		got, err := transcript.Read(write(t, strings.TrimSuffix(string(data), "\n")))
		require.NoError(t, err)
		assert.Len(t, got.Turns, 2)
	})
	t.Run("a header cut mid-write is no transcript at all", func(t *testing.T) {
		for _, s := range []string{"", `{"kind":"header","scenario_id":"spy`} {
			_, err := transcript.Read(write(t, s))
			assert.ErrorIs(t, err, transcript.ErrNoHeader, "%q", s)
		}
	})
	bad := []struct {
		name, text, want string
	}{
		{"a broken line in the middle is an error naming its line", `{"kind":"header"}` + "\n" + `{"kind":"turn",` + "\n" + `{"kind":"end"}` + "\n", ":2: "},
		{"a first line that is not the header is an error", `{"kind":"turn","n":1}` + "\n", "starts with its \"header\" line"},
		{"a line after the end line is an error", `{"kind":"header"}` + "\n" + `{"kind":"end"}` + "\n" + `{"kind":"turn"}` + "\n", ":3: "},
		{"an unknown kind is an error that lists the known ones", `{"kind":"header"}` + "\n" + `{"kind":"note"}` + "\n", `unknown kind "note"`},
		{"a field of the wrong type is an error", `{"kind":"header"}` + "\n" + `{"kind":"turn","n":"one"}` + "\n", ":2: "},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			path := write(t, c.text)
			_, err := transcript.Read(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), path)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	t.Run("a missing file is an error that wraps fs.ErrNotExist", func(t *testing.T) {
		_, err := transcript.Read(filepath.Join(t.TempDir(), "nope.jsonl"))
		assert.True(t, errors.Is(err, os.ErrNotExist), "%v", err)
	})
}

// The judge's hand-written transcripts are the other side of the contract.
func TestReadsTheJudgesHandWrittenTranscripts(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "judge", "testdata", "transcripts", "*", "*.jsonl"))
	if len(paths) == 0 {
		t.Skip("no transcripts under sim/judge/testdata to read")
	}
	for _, p := range paths {
		got, err := transcript.Read(p)
		if assert.NoError(t, err) {
			assert.NotEmpty(t, got.Header.ScenarioID, p)
			assert.NotEmpty(t, got.Turns, p)
		}
	}
}

func TestErrored(t *testing.T) {
	read := func(t *testing.T, end *transcript.End) *transcript.Transcript {
		var buf bytes.Buffer
		w := transcript.NewWriter(&buf, nil)
		require.NoError(t, w.Header(header()))
		require.NoError(t, w.Turn(turn(1, "hola", "¡Hola!")))
		if end != nil {
			require.NoError(t, w.End(*end))
		}
		got, err := transcript.Decode(&buf)
		require.NoError(t, err)
		return got
	}
	t.Run("a transcript that ended cleanly is scored", func(t *testing.T) {
		_, errored := read(t, &transcript.End{PhasePath: []string{"greeting"}}).Errored()
		assert.False(t, errored)
	})
	t.Run("one that ended in an error outside the conversation is errored, with its cause", func(t *testing.T) {
		cause, errored := read(t, &transcript.End{Error: "turn 2: POST /webhook: connection refused"}).Errored()
		assert.True(t, errored)
		assert.Equal(t, "turn 2: POST /webhook: connection refused", cause)
	})
	t.Run("one without an end line is errored as interrupted", func(t *testing.T) {
		cause, errored := read(t, nil).Errored()
		assert.True(t, errored)
		assert.Equal(t, "interrupted after 1 turn (no end line)", cause)
	})
}

func TestATypedTurnKeepsItsKindItsPartsAndTheBotsRefusal(t *testing.T) {
	secret := "app_0123456789abcdef"
	redact := func(s string) string { return strings.ReplaceAll(s, secret, "[REDACTED]") }
	tn := turn(1, "uno\n"+secret)
	tn.Type, tn.Parts, tn.HTTPStatus = "burst", []string{"uno", secret}, 503
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf, redact)
	require.NoError(t, w.Header(header()))
	require.NoError(t, w.Turn(tn))
	assert.NotContains(t, buf.String(), secret, "a burst's parts are redacted like every other text")
	got, err := transcript.Decode(&buf)
	require.NoError(t, err)
	require.Len(t, got.Turns, 1)
	assert.Equal(t, "burst", got.Turns[0].Type)
	assert.Equal(t, []string{"uno", "[REDACTED]"}, got.Turns[0].Parts)
	assert.Equal(t, 503, got.Turns[0].HTTPStatus)
}
