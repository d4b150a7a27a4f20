package testutil

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
)

// The explorer's types (botclient/explore.go) and the graph's edges (bots
// Edges), under the names layer tests use.
type (
	Landing        = botclient.Landing
	StrayError     = botclient.StrayError
	Edge           = bots.Edge
	EdgeKinds      = bots.EdgeKinds
	ExploreOptions = botclient.ExploreOptions
	Exploration    = botclient.Exploration
)

// Which transitions Explore takes.
const (
	OwnEdges      = bots.OwnEdges
	GlobalEdges   = bots.GlobalEdges
	FallbackEdges = bots.FallbackEdges
)

// walkCtx is the context of a walk through the graph: many turns, so the
// test's own deadline (when it has one) rather than the one-call default.
func walkCtx(t testing.TB) (context.Context, context.CancelFunc) {
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if at, ok := d.Deadline(); ok {
			return context.WithDeadline(context.Background(), at.Add(-5*time.Second))
		}
	}
	return context.WithTimeout(context.Background(), 5*time.Minute)
}

// checkDrive is check, and also skips, with the manifest's reason, a test
// that needs an intent the manifest gives no way to take.
func checkDrive(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, botclient.ErrNotDrivable) {
		t.Skip(err.Error())
	}
	check(t, err)
}

// Take makes phone take intent in lang ("" = the manifest's default): the
// manifest's first utterance of it, or the event (paid: a signed Stripe
// checkout). It skips the test when the manifest gives no way to take it.
func (tg *Target) Take(t testing.TB, phone, intent, lang string) *Turn {
	t.Helper()
	c, cancel := walkCtx(t)
	defer cancel()
	tu, err := tg.Target.Take(c, phone, intent, lang)
	checkDrive(t, err)
	return tu
}

// Move takes intent and returns where the session landed; the caller checks
// Landing.Err (nil when it landed where the manifest says).
func (tg *Target) Move(t testing.TB, phone, intent, lang string) *Landing {
	t.Helper()
	c, cancel := walkCtx(t)
	defer cancel()
	l, err := tg.Target.Move(c, phone, intent, lang)
	checkDrive(t, err)
	return l
}

// DriveTo walks phone to state along the manifest's shortest path, failing
// the test at the first move that lands elsewhere (the message names the
// state, the intent, what was sent, the reply and where it landed).
func (tg *Target) DriveTo(t testing.TB, phone, state, lang string) []*Landing {
	t.Helper()
	c, cancel := walkCtx(t)
	defer cancel()
	moves, err := tg.Target.DriveTo(c, phone, state, lang)
	checkDrive(t, err)
	return moves
}

// Explore takes every edge of opt.Edges on the live bot, in parallel on
// fresh phones (see botclient.Target.Explore); the caller reports each
// Exploration.Err.
func (tg *Target) Explore(t testing.TB, opt ExploreOptions) []Exploration {
	t.Helper()
	c, cancel := walkCtx(t)
	defer cancel()
	xs, err := tg.Target.Explore(c, opt)
	check(t, err)
	return xs
}

// ReportExplorations reports an exploration as subtests that read as
// sentences, one per state ("in_trip_dates") and one per edge in it
// ("give_dates_leads_to_trip_name"): an edge that landed elsewhere fails
// with the StrayError's message, an edge the manifest gives no way to take
// skips, and when the drive to a state fails, the failure is told in full
// once and the state's other edges point to it. also, when not nil, runs in
// the subtest of every edge that landed where the manifest says, for the
// test's own checks on x.Landing.
func ReportExplorations(t *testing.T, xs []Exploration, also func(t *testing.T, x Exploration)) {
	t.Helper()
	var states []string
	byState := map[string][]Exploration{}
	for _, x := range xs {
		if _, ok := byState[x.From]; !ok {
			states = append(states, x.From)
		}
		byState[x.From] = append(byState[x.From], x)
	}
	for _, state := range states {
		t.Run("in_"+state, func(t *testing.T) {
			told := map[string]bool{} // drive failures already told in full
			for _, x := range byState[state] {
				t.Run(edgeName(x.Edge), func(t *testing.T) {
					if x.Landing == nil && x.Err != nil && !skippable(x.Err) {
						if told[x.Err.Error()] {
							t.Errorf("%s not taken: the phone could not be driven to %s (told in full above)", x.Edge, x.From)
							return
						}
						told[x.Err.Error()] = true
					}
					ReportExploration(t, x)
					if x.Err == nil && also != nil {
						also(t, x)
					}
				})
			}
		})
	}
}

// edgeName is an edge as a subtest name that reads as a sentence.
func edgeName(e Edge) string {
	if e.To == e.From {
		return e.Intent + "_keeps_it"
	}
	return e.Intent + "_leads_to_" + e.To
}

func skippable(err error) bool {
	return errors.Is(err, botclient.ErrNotDrivable) || errors.Is(err, botclient.ErrNotObservable) || errors.Is(err, botclient.ErrNoEndpoint)
}

// ReportExploration fails t with x.Err, or skips it when the edge cannot be
// driven by this manifest.
func ReportExploration(t testing.TB, x Exploration) {
	t.Helper()
	switch {
	case x.Err == nil:
	case skippable(x.Err):
		t.Skip(x.Err.Error())
	default:
		t.Errorf("%s: %v", x.Edge, x.Err)
	}
}
