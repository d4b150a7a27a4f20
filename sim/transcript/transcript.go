package transcript

import (
	"fmt"
	"time"
)

// The kind of each line, in the order they appear in a file.
const (
	KindHeader = "header"
	KindTurn   = "turn"
	KindEnd    = "end"
)

// Header is the first line of a transcript file.
type Header struct {
	Kind       string    `json:"kind"` // "header"
	ScenarioID string    `json:"scenario_id"`
	Bot        string    `json:"bot"`
	RunID      string    `json:"run_id"`
	Phone      string    `json:"phone"`
	Category   string    `json:"category"`
	Persona    string    `json:"persona"`
	Language   string    `json:"language"`
	StartedAt  time.Time `json:"started_at"`
}

// Turn is one customer message and the bot's answer to it.
type Turn struct {
	Kind     string   `json:"kind"` // "turn"
	N        int      `json:"n"`    // 1-based
	Customer string   `json:"customer"`
	Source   string   `json:"source"` // opening | scripted | llm | replay | generated
	Replies  []string `json:"replies"`
	State    string   `json:"state"` // from the bot's DB after the turn
	Phase    string   `json:"phase"`
	OptedOut bool     `json:"opted_out,omitempty"`
	// WaitMS is how long the runner waited for the bot's turn to settle.
	WaitMS  float64   `json:"wait_ms"`
	SentAt  time.Time `json:"sent_at"`
	Timeout bool      `json:"timeout,omitempty"` // the bot did not settle within the reply budget
	// Type is what the customer sent (sim/scenario's turn kinds: text,
	// audio, image, document, location, button, burst); "" in transcripts
	// written before turns had kinds, meaning text. Customer holds what the
	// turn says in words (a caption, a button's title; "" for a voice note).
	Type string `json:"type,omitempty"`
	// Parts are a burst's messages in the order they were sent (Customer
	// holds them one per line).
	Parts []string `json:"parts,omitempty"`
	// HTTPStatus is the webhook's answer when the bot refused a delivery
	// (5xx, 4xx other than a signature refusal): the bot's fault, scored;
	// 0 when every delivery was accepted.
	HTTPStatus int `json:"http_status,omitempty"`
}

// End is the last line: the phase path read from the bot's DB.
type End struct {
	Kind      string   `json:"kind"` // "end"
	PhasePath []string `json:"phase_path"`
	// Error says why the play failed outside the bot's conversation: the
	// transport (connection refused, EOF), the harness (the customer, a
	// transcript write), the observation (the bot's database). A
	// transcript with an Error is errored (see Errored).
	Error   string    `json:"error,omitempty"`
	EndedAt time.Time `json:"ended_at"`
}

// Transcript is a whole file read back.
type Transcript struct {
	Header Header
	Turns  []Turn
	End    *End // nil when the run was interrupted
}

// Errored says why the transcript cannot be scored, and false when it can.
// A transcript is errored when its play failed for a reason outside the
// bot's conversation (End.Error) or stopped before its end line (a crash,
// Ctrl-C, the tool's timeout): what it holds says nothing about the bot,
// so it is left out of scores, averages and comparisons, and a resumed run
// plays it again. A bot that answers 5xx or stays silent is not errored:
// those turns are in the transcript, and the judge scores them.
func (t *Transcript) Errored() (cause string, errored bool) {
	switch {
	case t.End == nil:
		n := fmt.Sprintf("%d turns", len(t.Turns))
		if len(t.Turns) == 1 {
			n = "1 turn"
		}
		return "interrupted after " + n + " (no end line)", true
	case t.End.Error != "":
		return t.End.Error, true
	}
	return "", false
}
