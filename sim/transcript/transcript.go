package transcript

import "time"

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
	Type     string   `json:"type,omitempty"` // what was sent: "" or text, audio, image, document, location, button, burst
	Source   string   `json:"source"`         // opening | scripted | llm | replay | generated
	Replies  []string `json:"replies"`
	State    string   `json:"state"` // from the bot's DB after the turn
	Phase    string   `json:"phase"`
	OptedOut bool     `json:"opted_out,omitempty"`
	// WaitMS is how long the runner waited for the bot's turn to settle.
	WaitMS  float64   `json:"wait_ms"`
	SentAt  time.Time `json:"sent_at"`
	Timeout bool      `json:"timeout,omitempty"` // the bot did not settle within the reply budget
}

// End is the last line: the phase path read from the bot's DB.
type End struct {
	Kind      string    `json:"kind"` // "end"
	PhasePath []string  `json:"phase_path"`
	Error     string    `json:"error,omitempty"`
	EndedAt   time.Time `json:"ended_at"`
}

// Transcript is a whole file read back.
type Transcript struct {
	Header Header
	Turns  []Turn
	End    *End // nil when the run was interrupted
}
