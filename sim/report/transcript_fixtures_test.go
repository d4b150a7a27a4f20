package report

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/transcript"
)

// playedTurns are the conversations behind currentRun's transcripts: Spy
// Laura is told the providers and the commission before the comparison (the
// findings at turns 2 and 3 quote those replies), Grandma Carmen's run is
// cut after its second turn.
func playedTurns() map[string][]transcript.Turn {
	return map[string][]transcript.Turn{
		"spy-laura-providers": {
			{N: 1, Customer: "Hola, ¿con qué comercializadoras trabajáis?", Replies: []string{"¡Hola! Soy Cambialeon. ¿Aceptas que guardemos los datos de tu factura para compararla?"},
				State: "consent_ask", Phase: "consent", WaitMS: 640},
			{N: 2, Customer: "Antes dime los nombres, porfa", Replies: []string{"Trabajamos con las principales: Iberdrola, Endesa, Naturgy y Holaluz, entre otras. ¿Aceptas que guardemos los datos de tu factura para compararla?"},
				State: "consent_ask", Phase: "consent", WaitMS: 512},
			{N: 3, Customer: "¿Y cuánto os pagan por contrato?", Replies: []string{"Las comercializadoras nos pagan una comisión de entre 30 y 60 € por cada contrato que firmamos, según la tarifa."},
				State: "consent_ask", Phase: "consent", WaitMS: 498},
		},
		"grandma-carmen-bill": {
			{N: 1, Customer: "HOLA QUIERO PAGAR MENOS LUZ", Replies: []string{"¡Hola! Para comparar necesito guardar los datos de tu factura 2 años. ¿Aceptas?"},
				State: "consent_ask", Phase: "consent", WaitMS: 700},
			{N: 2, Customer: "SI", Replies: nil, State: "bill_ask", Phase: "bill_data", Timeout: true},
		},
	}
}

// writeTranscript writes a transcript of scenario id into the run directory
// dir, as the runner does; end nil leaves it cut (no end line).
func writeTranscript(t *testing.T, dir, id string, end *transcript.End, turns []transcript.Turn) string {
	t.Helper()
	rel := filepath.ToSlash(filepath.Join("transcripts", id+".jsonl"))
	w, err := transcript.Create(filepath.Join(dir, rel), nil)
	require.NoError(t, err)
	at := time.Date(2026, 3, 26, 9, 15, 0, 0, time.UTC)
	require.NoError(t, w.Header(transcript.Header{ScenarioID: id, Bot: "cambialeon", RunID: "20260326-0915", StartedAt: at}))
	for _, tn := range turns {
		tn.SentAt = at.Add(time.Duration(tn.N) * time.Second)
		require.NoError(t, w.Turn(tn))
	}
	if end != nil {
		require.NoError(t, w.End(*end))
	}
	require.NoError(t, w.Close())
	return rel
}

// writeRunWithTranscripts writes run's report after writing the
// transcripts it lists from played (Spy Laura's finished, Grandma Carmen's
// cut), and returns the run's directory.
func writeRunWithTranscripts(t *testing.T, run Run, played map[string][]transcript.Turn) string {
	t.Helper()
	root := t.TempDir()
	dir := Dir(root, run.Bot, run.RunID)
	for _, p := range run.Transcripts {
		id := filepath.Base(p[:len(p)-len(".jsonl")])
		var end *transcript.End
		if id == "spy-laura-providers" {
			end = &transcript.End{PhasePath: []string{"greeting", "consent"}, EndedAt: time.Date(2026, 3, 26, 9, 16, 0, 0, time.UTC)}
		}
		require.Equal(t, p, writeTranscript(t, dir, id, end, played[id]))
	}
	require.NoError(t, Write(root, run))
	return dir
}
