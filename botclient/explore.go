package botclient

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
)

// The explorer drives the bot through its manifest's conversation graph with
// the manifest's own words: Take says an intent, Move says it and reads where
// the session went, DriveTo walks a phone to a state, Explore takes every
// transition of every reachable state on fresh phones at once. Expectations
// come from the manifest only (its graph model: Next, ShortestPath, Edges),
// never from the bot's reply text.

// ErrNotDrivable is returned when the manifest gives no way to take an
// intent: no example utterance in the language, or an event the framework
// cannot produce for this bot.
var ErrNotDrivable = errors.New("the manifest gives no way to drive this intent")

// paidAmountCents is the amount of the checkout the explorer pays with: the
// manifest says nothing about prices, so any plausible amount will do.
const paidAmountCents = 45000

// Language is lang, or the manifest's default language when lang is "", or
// its first language when it names no default.
func (tg *Target) Language(lang string) string {
	if lang != "" {
		return lang
	}
	return tg.M.DefaultLanguage()
}

// UtteranceOf is the manifest's first example of intent in lang ("" = the
// default language), or an error wrapping ErrNotDrivable naming the field.
func (tg *Target) UtteranceOf(intent, lang string) (string, error) {
	u, err := tg.M.UtteranceOf(intent, tg.Language(lang))
	if err != nil {
		return "", fmt.Errorf("%w: %w", err, ErrNotDrivable)
	}
	return u, nil
}

// Drivable reports whether Take can take intent in lang: the manifest has
// an example of it, or it is an event the explorer can send (paid, to a bot
// with a Stripe endpoint). It is the drivable of bots HappyPath for a test
// that walks with Take or Move.
func (tg *Target) Drivable(intent, lang string) bool {
	if tg.IsEvent(intent) {
		return tg.canSend(intent) == nil
	}
	_, err := tg.UtteranceOf(intent, lang)
	return err == nil
}

// IsEvent reports whether intent is one of the manifest's intents.events
// (taken from something other than a customer message).
func (tg *Target) IsEvent(intent string) bool {
	return slices.Contains(tg.M.Intents.Events, intent)
}

// Take makes phone take intent: it says the manifest's first utterance of
// intent in lang, or, for an event intent, sends the event (paid: a signed
// Stripe checkout.session.completed for the phone), and returns the bot's
// turn. It does not look at where the session went; Move does.
func (tg *Target) Take(ctx context.Context, phone, intent, lang string) (*Turn, error) {
	if tg.IsEvent(intent) {
		return tg.takeEvent(ctx, phone, intent)
	}
	text, err := tg.UtteranceOf(intent, lang)
	if err != nil {
		return nil, err
	}
	return tg.Say(ctx, phone, text)
}

// canSend is nil when the explorer can send event intent to this bot, else
// why not (wrapping ErrNotDrivable).
func (tg *Target) canSend(intent string) error {
	if intent != "paid" {
		return fmt.Errorf("%s: intents.events names %q, and the explorer can only send \"paid\" (a Stripe checkout): %w", tg.M.File(), intent, ErrNotDrivable)
	}
	if _, err := tg.Endpoint("stripe"); err != nil {
		return fmt.Errorf("event %q needs a Stripe endpoint: %w: %w", intent, err, ErrNotDrivable)
	}
	return nil
}

// takeEvent produces an event intent the framework knows how to send.
func (tg *Target) takeEvent(ctx context.Context, phone, intent string) (*Turn, error) {
	if err := tg.canSend(intent); err != nil {
		return nil, err
	}
	// The body names the phone, and the bot may message whoever it names.
	if err := tg.Guard(phone); err != nil {
		return nil, err
	}
	cursor, err := tg.Cursor(ctx, phone)
	if err != nil {
		return nil, err
	}
	body := fixtures.CheckoutCompleted(phone, paidAmountCents).JSON()
	resp, err := tg.PostStripe(ctx, body, tg.SignStripe(body, time.Now()))
	if err != nil {
		return nil, err
	}
	sent := fmt.Sprintf("[Stripe checkout.session.completed, paid, client_reference_id wa:%s]", phone)
	if resp.Status/100 != 2 {
		return &Turn{Phone: phone, Sent: sent, Response: resp}, fmt.Errorf("%s refused a signed paid checkout for %s: %s", tg.M.Name, phone, resp)
	}
	tu, err := tg.WaitTurn(ctx, phone, cursor)
	if err != nil {
		return nil, err
	}
	tu.Sent, tu.Response = sent, resp
	return tu, nil
}

// Landing is one move: the intent taken from a state, what was sent, what
// the bot answered, and where the session went.
type Landing struct {
	Phone     string
	From      Session // before the move; a phone with no session is at graph.initial
	Intent    string
	Want      string // the state the manifest names
	WantPhase string
	Turn      *Turn   // Turn.Sent is the utterance, or the event described
	Got       Session // after the move
}

// Err is nil when the bot finished its turn and the session is in the state
// (and phase) the manifest names; otherwise a *StrayError saying so.
func (l *Landing) Err() error {
	if l.Turn != nil && l.Turn.Settled && l.Got.State == l.Want && l.Got.Phase == l.WantPhase {
		return nil
	}
	return &StrayError{Landing: l}
}

// StrayError is a move that did not land where the manifest says. Its
// message names the state, the intent, what was sent, the bot's reply
// (quoted), where the session landed and where it should have.
type StrayError struct{ Landing *Landing }

func (e *StrayError) Error() string {
	l := e.Landing
	var b strings.Builder
	fmt.Fprintf(&b, "in state %s (phase %s), intent %s: ", l.From.State, l.From.Phase, l.Intent)
	if l.Turn != nil {
		b.WriteString(l.Turn.Quote())
	}
	if l.Got.Exists {
		fmt.Fprintf(&b, "; the session landed in %s (phase %s)", l.Got.State, l.Got.Phase)
	} else {
		b.WriteString("; the bot holds no session for the phone")
	}
	fmt.Fprintf(&b, ", but the manifest says %s --%s--> %s (phase %s)", l.From.State, l.Intent, l.Want, l.WantPhase)
	if l.Turn != nil && !l.Turn.Settled {
		fmt.Fprintf(&b, "; the bot did not finish its turn within %s", l.Turn.Waited.Round(time.Millisecond))
	}
	return b.String()
}

// sessionOrInitial reads phone's session; a phone without one is at graph.initial.
func (tg *Target) sessionOrInitial(ctx context.Context, phone string) (Session, error) {
	s, err := tg.Session(ctx, phone)
	if err != nil || s.Exists {
		return s, err
	}
	s.State = tg.M.Graph.Initial
	s.Phase = tg.M.PhaseOf(s.State)
	return s, nil
}

// Move takes intent from wherever phone's session is and reports where it
// landed against where the manifest says it should (Landing.Err). The error
// is for what stopped the move itself: no way to take it (ErrNotDrivable),
// a manifest that does not say where it leads, an unreachable bot.
func (tg *Target) Move(ctx context.Context, phone, intent, lang string) (*Landing, error) {
	from, err := tg.sessionOrInitial(ctx, phone)
	if err != nil {
		return nil, err
	}
	return tg.moveFrom(ctx, phone, from, intent, lang)
}

// moveFrom is Move from a session already read; where the move should
// land is bots Next from it.
func (tg *Target) moveFrom(ctx context.Context, phone string, from Session, intent, lang string) (*Landing, error) {
	want, ok := tg.M.Next(from.State, intent, from.OptedOut)
	if !ok {
		return nil, fmt.Errorf("%s: neither graph.states.%s.on nor intents.global names intent %q, so there is no telling where it should lead", tg.M.File(), from.State, intent)
	}
	l := &Landing{Phone: phone, From: from, Intent: intent, Want: want, WantPhase: tg.M.PhaseOf(want)}
	var err error
	if l.Turn, err = tg.Take(ctx, phone, intent, lang); err != nil {
		return nil, err
	}
	if l.Got, err = tg.Session(ctx, phone); err != nil {
		return nil, err
	}
	return l, nil
}

// DriveTo moves phone from where its session is (graph.initial when it has
// none) to state along the manifest's shortest path (bots ShortestPath),
// taking each step's intent in lang. It stops at the first move that does
// not land where the manifest says, returning the moves made and an error
// wrapping that move's *StrayError.
func (tg *Target) DriveTo(ctx context.Context, phone, state, lang string) ([]*Landing, error) {
	if tg.M.Graph.States[state] == nil {
		return nil, fmt.Errorf("%s: graph.states has no state %q to drive to", tg.M.File(), state)
	}
	from, err := tg.sessionOrInitial(ctx, phone)
	if err != nil {
		return nil, err
	}
	path := tg.M.ShortestPath(from.State, state)
	if path == nil {
		return nil, fmt.Errorf("%s: state %q cannot be reached from %q in the graph", tg.M.File(), state, from.State)
	}
	route := bots.Route(from.State, path)
	var moves []*Landing
	for i, st := range path {
		l, err := tg.moveFrom(ctx, phone, from, st.Intent, lang)
		if err == nil {
			moves = append(moves, l)
			err = l.Err()
			from = l.Got // where the next step starts: read once, not twice
		}
		if err != nil {
			return moves, fmt.Errorf("driving a phone to %s along %s, step %d: %w", state, route, i+1, err)
		}
	}
	return moves, nil
}

// ExploreOptions say which edges Explore takes and how.
type ExploreOptions struct {
	Lang     string         // the customer's language; "" = the manifest's default
	Edges    bots.EdgeKinds // 0 = bots.OwnEdges
	Intents  []string       // only edges of these intents; nil = all
	States   []string       // only edges out of these states; nil = every reachable state
	Parallel int            // phones driven at once; 0 = 8
}

// Edges lists the edges opt selects (bots Edges of opt.Edges, only those
// of opt.Intents out of opt.States), in the manifest's order.
func (tg *Target) Edges(opt ExploreOptions) []bots.Edge {
	kinds := opt.Edges
	if kinds == 0 {
		kinds = bots.OwnEdges
	}
	wanted := func(list []string, v string) bool { return list == nil || slices.Contains(list, v) }
	return slices.DeleteFunc(tg.M.Edges(kinds), func(e bots.Edge) bool {
		return !wanted(opt.States, e.From) || !wanted(opt.Intents, e.Intent)
	})
}

// Exploration is one edge taken on the live bot.
type Exploration struct {
	bots.Edge
	Drive   []*Landing // the moves that brought a phone to Edge.From
	Landing *Landing   // the move under test; nil when it could not be made
	// Err is nil when the move landed where the manifest says. Otherwise: an
	// error wrapping the *StrayError of the move or of a move of the drive
	// (errors.As), or ErrNotDrivable, or what stopped the bot being reached.
	Err error
}

// Explore takes every edge opt selects on the live bot: for each state
// reachable in the manifest, a phone is driven there along the shortest path
// and the edge's intent is taken. An edge that leads elsewhere gets a fresh
// phone; edges that keep the state share one, which is re-driven after a
// move that strayed. Phones are driven in parallel. The result has one
// Exploration per edge, in Edges order; the error is only for a context
// that ended.
func (tg *Target) Explore(ctx context.Context, opt ExploreOptions) ([]Exploration, error) {
	edges := tg.Edges(opt)
	out := make([]Exploration, len(edges))
	var jobs [][]int // indexes into edges; one phone per job
	stays := map[string]int{}
	for i, e := range edges {
		if e.To != e.From {
			jobs = append(jobs, []int{i})
			continue
		}
		j, ok := stays[e.From]
		if !ok {
			j = len(jobs)
			stays[e.From] = j
			jobs = append(jobs, nil)
		}
		jobs[j] = append(jobs[j], i)
	}
	parallel := opt.Parallel
	if parallel <= 0 {
		parallel = 8
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel)
	for _, job := range jobs {
		g.Go(func() error {
			tg.exploreJob(gctx, edges, job, opt.Lang, out)
			return gctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return out, err
	}
	return out, ctx.Err()
}

// exploreJob takes the edges job names, all from one state, on one phone.
func (tg *Target) exploreJob(ctx context.Context, edges []bots.Edge, job []int, lang string, out []Exploration) {
	phone, release, err := tg.AcquirePhone(ctx)
	if err != nil {
		for _, i := range job {
			out[i] = Exploration{Edge: edges[i], Err: err}
		}
		return
	}
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = release(rctx) // the next AcquirePhone resets it anyway
	}()
	at := false // phone is at the job's state, ready for the next edge
	var driveErr error
	var drive []*Landing
	for n, i := range job {
		x := Exploration{Edge: edges[i]}
		if !at && driveErr == nil {
			if n > 0 { // AcquirePhone handed it over fresh; after a stray, start again
				driveErr = tg.ResetPhone(ctx, phone)
			}
			if driveErr == nil {
				drive, driveErr = tg.DriveTo(ctx, phone, x.From, lang)
			}
		}
		if driveErr != nil { // the drive is deterministic: it fails the same way for every edge
			x.Drive, x.Err = drive, driveErr
			out[i] = x
			continue
		}
		x.Drive = drive
		x.Landing, x.Err = tg.Move(ctx, phone, x.Intent, lang)
		if x.Err == nil {
			x.Err = x.Landing.Err()
		}
		at = x.Err == nil && x.Landing.Got.State == x.From
		out[i] = x
	}
}
