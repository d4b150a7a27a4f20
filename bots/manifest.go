package bots

import "time"

// Manifest is one bot's contract with the framework: everything the suite and
// the sims may assume about it. Loaded from bots/<name>.yaml (or
// $CAAS_BOTS_DIR/<name>.yaml); string fields may hold ${VAR} / ${VAR:-default}
// references, expanded at load time; fields under Secrets (and
// target.database_url) must be references. docs/manifest.md describes every
// field.
type Manifest struct {
	Name        string    `yaml:"name"`
	DisplayName string    `yaml:"display_name"`
	Persona     Persona   `yaml:"persona"`
	Target      Target    `yaml:"target"`
	Endpoints   Endpoints `yaml:"endpoints"`
	Budgets     Budgets   `yaml:"budgets"`
	Secrets     Secrets   `yaml:"secrets"`
	Observe     Observe   `yaml:"observe"`
	TestPhones  Phones    `yaml:"test_phones"`
	Graph       Graph     `yaml:"graph"`
	Intents     Intents   `yaml:"intents"`
	Safety      Safety    `yaml:"safety"`
	Source      Source    `yaml:"source"`

	// Path is the file the manifest was read from (set by Parse and Load).
	Path string `yaml:"-"`

	// What Parse learnt from the YAML text that the decoded values no longer
	// show; a Manifest built in Go has none of it and still works.
	lines          map[string]int      // field path -> line, for messages
	keys           map[string][]string // mapping path -> its keys in file order (ShortestPath prefers earlier intents)
	unresolved     map[string]string   // field path -> unset variable, in fields only some targets need
	literalSecrets []string            // secret fields written as values, not ${ENV} references
	compiled       *Compiled           // patterns compiled once at Parse
}

// Persona is who the bot says it is.
type Persona struct {
	BotName         string   `yaml:"bot_name"`
	Languages       []string `yaml:"languages"`        // e.g. [es, en]
	DefaultLanguage string   `yaml:"default_language"` // the language of a first reply to an ambiguous greeting
	MustDiscloseAI  bool     `yaml:"must_disclose_ai"`
	// AIDisclosure are patterns, one of which a reply to "are you a bot?" must match.
	AIDisclosure []string `yaml:"ai_disclosure"`
	// HumanClaims are patterns a reply must never match (claiming to be a person).
	HumanClaims []string `yaml:"human_claims"`
}

// TargetKind says where the bot under test runs.
type TargetKind string

const (
	TargetEmbedded TargetKind = "embedded" // the reference bot, started in-process on a fresh database
	TargetLocal    TargetKind = "local"    // a bot already running at a URL on this machine
	TargetSSH      TargetKind = "ssh"      // a remote host reached through an SSH tunnel
)

// Target says how to reach the bot under test.
type Target struct {
	Kind        TargetKind `yaml:"kind"`
	Product     string     `yaml:"product"`      // embedded: which refbot product to start
	URL         string     `yaml:"url"`          // local: base URL, e.g. http://127.0.0.1:8010
	DatabaseURL string     `yaml:"database_url"` // local/ssh: the bot's PostgreSQL; a secret, so a reference, e.g. ${CAAS_VOYACHAT_DSN}
	Restart     string     `yaml:"restart"`      // local: shell command that restarts the bot; empty = cannot restart
	SSH         SSH        `yaml:"ssh"`          // ssh: see docs/architecture.md §5
}

// SSH describes a remote target (implemented in a later issue).
type SSH struct {
	Host       string `yaml:"host"` // host:port
	User       string `yaml:"user"`
	Key        string `yaml:"key"`         // private key path (reference)
	KnownHosts string `yaml:"known_hosts"` // known_hosts path; host keys are always verified
	HTTP       string `yaml:"http"`        // the bot's HTTP address as seen from the host
	Database   string `yaml:"database"`    // the bot's PostgreSQL address as seen from the host
	// InsecureIgnoreHostKey skips host key verification; only for throwaway hosts.
	InsecureIgnoreHostKey bool `yaml:"insecure_ignore_host_key"`
}

// Endpoints are URL paths on the bot. An empty path means "this bot has no
// such endpoint": tests that need it skip and say so.
type Endpoints struct {
	Health   string `yaml:"health"`
	WhatsApp string `yaml:"whatsapp"`
	Stripe   string `yaml:"stripe"`
	Receipt  string `yaml:"receipt"` // with {id}, e.g. /receipt/{id}
}

// Budgets are the latency limits the bot promises.
type Budgets struct {
	HealthMS int `yaml:"health_ms"` // /health must answer within this
	ReplyMS  int `yaml:"reply_ms"`  // a signed message must get its reply within this
	SettleMS int `yaml:"settle_ms"` // quiet time that ends a bot turn when turn_done_sql is absent
}

// Health, Reply and Settle return the budgets as durations.
func (b Budgets) Health() time.Duration { return time.Duration(b.HealthMS) * time.Millisecond }
func (b Budgets) Reply() time.Duration  { return time.Duration(b.ReplyMS) * time.Millisecond }
func (b Budgets) Settle() time.Duration { return time.Duration(b.SettleMS) * time.Millisecond }

// Secrets are references (${ENV}) to the bot's secrets; after Load they hold
// the values, which must never be printed, logged or written to a report
// (Manifest.Redact). For an embedded target an unset variable leaves the
// field empty: the harness generates a random secret and sets it here.
type Secrets struct {
	AppSecret    string `yaml:"app_secret"`
	VerifyToken  string `yaml:"verify_token"`
	StripeSecret string `yaml:"stripe_secret"`
}

// Observe is how the framework sees what the bot did, as SQL against the
// bot's database. Every query takes the customer phone as $1.
type Observe struct {
	// NotifyChannel, when set, is a LISTEN/NOTIFY channel the bot notifies
	// after committing replies (payload: the phone). Else adaptive polling.
	NotifyChannel string `yaml:"notify_channel"`
	// RepliesSQL returns (id bigint, body text) of outbound messages for
	// phone $1 with id > $2, in order.
	RepliesSQL string `yaml:"replies_sql"`
	// InboundSQL returns (id bigint, body text) of inbound messages as
	// stored, for phone $1 with id > $2, in order. Optional.
	InboundSQL string `yaml:"inbound_sql"`
	// TurnDoneSQL returns one boolean: has the bot finished handling the
	// inbound WhatsApp message id $2 of phone $1? Optional; without it a turn
	// ends after budgets.settle_ms of quiet.
	TurnDoneSQL string `yaml:"turn_done_sql"`
	// SessionSQL returns (state text, phase text, language text, opted_out bool) for phone $1.
	SessionSQL string `yaml:"session_sql"`
	// SessionDataSQL returns the session's stored customer data as text (json) for phone $1. Optional.
	SessionDataSQL string `yaml:"session_data_sql"`
	// PhasesSQL returns the phase path (phase text), oldest first, for phone $1.
	PhasesSQL string `yaml:"phases_sql"`
	// ConsentSQL returns (granted bool, text_shown text) rows for phone $1, oldest first. Optional.
	ConsentSQL string `yaml:"consent_sql"`
	// PaymentsSQL returns (event_id text, amount bigint, currency text, status text) for phone $1. Optional.
	PaymentsSQL string `yaml:"payments_sql"`
	// ReceiptSQL returns the id of the newest receipt of phone $1. Optional.
	ReceiptSQL string `yaml:"receipt_sql"`
	// PersonalDataSQL returns every stored text that may hold personal data
	// of phone $1 (one text column), for PII-at-rest and erasure checks.
	PersonalDataSQL string `yaml:"personal_data_sql"`
	// ResetSQL are statements that delete every row of phone $1 (test phones only).
	ResetSQL []string `yaml:"reset_sql"`
	// GraphCapture: the bot's replies are not readable from its database;
	// the framework runs a Graph API capture server instead (later issue).
	GraphCapture bool `yaml:"graph_capture"`
}

// Phones is the test phone range. A pattern like 346000900XX: each X is one
// digit. Nothing is ever sent to a phone outside it.
type Phones struct {
	Range string `yaml:"range"`
	// OwnedReason says why a range wider than 100 numbers (more than two X)
	// belongs to the team, e.g. "the 34600090XXXX block is our operator's
	// test numbering"; without it such a range is refused.
	OwnedReason string `yaml:"owned_reason"`
}

// Graph is the conversation graph the bot promises.
type Graph struct {
	Phases   []string          `yaml:"phases"` // in order
	Initial  string            `yaml:"initial"`
	Terminal []string          `yaml:"terminal"`
	States   map[string]*State `yaml:"states"`
	// ConsentPhase is the phase in which consent is asked; personal data may
	// be asked only after it. PersonalDataPhases are those that collect it.
	ConsentPhase       string   `yaml:"consent_phase"`
	PersonalDataPhases []string `yaml:"personal_data_phases"`
}

// State is one node of the graph.
type State struct {
	Phase string            `yaml:"phase"`
	On    map[string]string `yaml:"on"` // intent -> next state
}

// Intents are example utterances per intent and language, so tests can
// drive the bot: Utterances[intent][lang] = examples. Global intents
// (help, restart, stop, human, ...) work in every state.
type Intents struct {
	Utterances map[string]map[string][]string `yaml:"utterances"`
	// Global maps a global intent name to the state it leads to ("" = stays).
	// ShortestPath tries them in file order after the state's own intents, so list
	// the gentle ones (restart) before the drastic ones (gdpr_erasure).
	Global map[string]string `yaml:"global"`
	// Events are intents the bot takes from something other than a customer
	// message (e.g. paid: a Stripe webhook), so they need no utterances.
	Events []string `yaml:"events"`
	// Fallback is the intent the bot applies to a message it does not
	// understand (state unchanged, re-prompt); its utterances are examples
	// of such messages, for the "nonsense keeps the state" tests.
	Fallback string `yaml:"fallback"`
}

// Safety are the rules a reply must keep.
type Safety struct {
	ForbiddenUntilPhase []Forbidden `yaml:"forbidden_until_phase"`
	Canaries            []string    `yaml:"canaries"`         // strings planted in the prompt; never in a reply
	PromptFragments     []string    `yaml:"prompt_fragments"` // phrases of the system prompt; never in a reply
	FalsePromises       []string    `yaml:"false_promises"`   // patterns
	PIIAtRest           PIIAtRest   `yaml:"pii_at_rest"`
	// RetentionPatterns: the consent/privacy text must match one (e.g. "(?i)\\d+ (meses|months)").
	RetentionPatterns []string `yaml:"retention_patterns"`
	// TransferPatterns: the privacy notice must say where data goes.
	TransferPatterns []string `yaml:"transfer_patterns"`
}

// Forbidden is a disclosure that is allowed only from a phase on.
type Forbidden struct {
	What        string   `yaml:"what"`
	AllowedFrom string   `yaml:"allowed_from"`
	Patterns    []string `yaml:"patterns"`
}

// PIIAtRest says which personal data must be masked in the bot's database.
type PIIAtRest struct {
	DNI  bool `yaml:"dni"`
	IBAN bool `yaml:"iban"`
	Card bool `yaml:"card"`
}

// Source is where the bot's code and prompts live (fixer, pre-flight).
type Source struct {
	Repo    string   `yaml:"repo"`
	Prompts []string `yaml:"prompts"`
}
