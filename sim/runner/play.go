package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

// cleanupBudget bounds releasing a phone after the run was interrupted.
const cleanupBudget = 10 * time.Second

// play plays one scenario and writes its transcript.
func (r *run) play(ctx context.Context, i int, sc *scenario.Scenario) (res ScenarioResult) {
	path := TranscriptPath(r.opt.Dir, sc.ID)
	res = ScenarioResult{ID: sc.ID}
	switch prev := earlier(path, sc.ID, r.opt.RunID); {
	case prev.complete:
		res.Transcript = path
		res.Skipped, res.Turns, res.Stop = true, prev.turns, "complete in an earlier attempt"
		r.progress.printf(i, sc.ID, "complete in an earlier attempt (%s): skipped", turns(prev.turns))
		return res
	case prev.found:
		res.Replayed = true
		r.progress.printf(i, sc.ID, "resuming: the earlier attempt stopped after %s (%s); playing it again from the start on a fresh phone", turns(prev.turns), prev.why)
	}

	start := time.Now()
	defer func() { res.Duration = time.Since(start) }()
	phone, release, err := r.tg.AcquirePhone(ctx) // deletes whatever the bot held for it
	if err != nil {
		return r.failed(i, res, ctx, fmt.Errorf("getting a test phone: %w", err))
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupBudget)
		defer cancel()
		if err := release(cctx); err != nil && res.Err == nil {
			r.progress.printf(i, sc.ID, "warning: releasing test phone %s: %v", phone, err)
		}
	}()
	res.Phone = phone
	if err := r.tg.Guard(phone); err != nil { // the pool only hands out range phones; check anyway
		return r.failed(i, res, ctx, err)
	}

	w, err := transcript.Create(path, r.redact)
	if err != nil {
		return r.failed(i, res, ctx, err)
	}
	res.Transcript = path
	defer w.Close()
	err = w.Header(transcript.Header{
		ScenarioID: sc.ID, Bot: sc.Bot, RunID: r.opt.RunID, Phone: phone, Category: sc.Category,
		Persona: persona(sc), Language: sc.Language, StartedAt: start.UTC(),
	})
	if err != nil {
		return r.failed(i, res, ctx, err)
	}

	history, stop, playErr := r.converse(ctx, i, sc, phone, w, &res)
	res.Turns, res.Stop = len(history), stop
	if ctx.Err() != nil {
		// No end line: the transcript stays incomplete, and a resumed run
		// plays the scenario again.
		return r.failed(i, res, ctx, ctx.Err())
	}
	phases, err := r.tg.PhasePath(ctx, phone)
	if err != nil {
		playErr = errors.Join(playErr, fmt.Errorf("reading the phase path: %w", err))
	}
	end := transcript.End{PhasePath: phases, EndedAt: time.Now().UTC()}
	if playErr != nil {
		end.Error = playErr.Error()
	}
	if err := w.End(end); err != nil {
		return r.failed(i, res, ctx, errors.Join(playErr, err))
	}
	if err := w.Close(); err != nil {
		return r.failed(i, res, ctx, errors.Join(playErr, err))
	}
	if playErr != nil {
		return r.failed(i, res, ctx, playErr)
	}
	r.progress.printf(i, sc.ID, "done: %s in %s (bot %s), %s, phases %s",
		turns(res.Turns), ms(time.Since(start)), ms(res.BotWait), stop, pathString(phases))
	return res
}

// converse plays the turns. It returns the turns written, why it stopped,
// and the error that ended it early, if any: always one outside the bot's
// conversation (the customer, the transport, the observation), which makes
// the scenario errored. What the bot does wrong (a 5xx, silence, a turn
// that never settles) is written as a turn and the conversation goes on.
func (r *run) converse(ctx context.Context, i int, sc *scenario.Scenario, phone string, w *transcript.Writer, res *ScenarioResult) ([]transcript.Turn, string, error) {
	maxTurns := sc.MaxTurns
	if maxTurns <= 0 {
		maxTurns = scenario.MaxTurns
	}
	var history []transcript.Turn
	for n := 1; n <= maxTurns; n++ {
		next, source, done, err := r.opt.Customer.Next(ctx, sc, history)
		if err != nil {
			return history, stopErrored, fmt.Errorf("turn %d: the customer: %w", n, err)
		}
		if done {
			return history, "the customer had nothing more to say", nil
		}
		if next.Type() == scenario.TurnText && strings.TrimSpace(next.Text) == "" {
			return history, stopErrored, fmt.Errorf("turn %d: the customer (%s) gave an empty message; WhatsApp delivers no empty text", n, source)
		}
		sentAt := time.Now().UTC()
		got, err := r.send(ctx, phone, next)
		if err != nil {
			return history, stopErrored, fmt.Errorf("turn %d: %w", n, err)
		}
		res.BotWait += got.waited
		sess, err := r.tg.Session(ctx, phone)
		if err != nil {
			return history, stopErrored, fmt.Errorf("turn %d: reading the session: %w", n, err)
		}
		replies := make([]string, len(got.replies))
		for k, rep := range got.replies {
			replies[k] = r.redact(rep.Body)
		}
		turn := transcript.Turn{
			Kind: transcript.KindTurn, N: n, Customer: r.redact(next.Said()), Source: source, Replies: replies,
			State: sess.State, Phase: sess.Phase, OptedOut: sess.OptedOut,
			WaitMS: math.Round(float64(got.waited)/float64(time.Millisecond)*10) / 10,
			SentAt: sentAt, Timeout: !got.settled,
			Type: next.Type(), Parts: next.Burst, HTTPStatus: got.status,
		}
		if err := w.Turn(turn); err != nil {
			return history, stopErrored, err
		}
		history = append(history, turn)
		r.progress.turn(i, sc.ID, n, maxTurns, next, sess.Phase, got)
		switch {
		case sess.OptedOut && sc.Expect.OptOut:
			return history, "opted out, as the scenario expects", nil
		case r.tg.M.IsTerminal(sess.State):
			return history, "terminal state " + sess.State, nil
		}
	}
	return history, "max turns", nil
}

// stopErrored is ScenarioResult.Stop of a scenario whose play failed
// outside the bot's conversation.
const stopErrored = "errored"

// failed records err as the scenario's error and prints it: an
// interruption (Ctrl-C, the tool's deadline) leaves the transcript without
// an end line; any other error is the scenario's cause of being errored.
// Either way the scenario is not scored, and a resumed run plays it again.
func (r *run) failed(i int, res ScenarioResult, ctx context.Context, err error) ScenarioResult {
	if ctx.Err() != nil {
		res.Stop, res.Err = "interrupted", ctx.Err()
		if res.Transcript == "" {
			r.progress.printf(i, res.ID, "interrupted before its first turn: played on resume")
		} else {
			r.progress.printf(i, res.ID, "interrupted after %s: transcript kept incomplete, played again on resume", turns(res.Turns))
		}
		return res
	}
	res.Stop, res.Err = stopErrored, err
	r.progress.printf(i, res.ID, "ERRORED after %s (not scored; a resumed run plays it again): %v", turns(res.Turns), err)
	return res
}

func turns(n int) string {
	if n == 1 {
		return "1 turn"
	}
	return fmt.Sprintf("%d turns", n)
}

func persona(sc *scenario.Scenario) string {
	if sc.Persona.Age > 0 {
		return fmt.Sprintf("%s, %d", sc.Persona.Name, sc.Persona.Age)
	}
	return sc.Persona.Name
}

func pathString(phases []string) string {
	if len(phases) == 0 {
		return "(none recorded)"
	}
	s := phases[0]
	for i, p := range phases[1:] {
		if p != phases[i] { // a move between states of one phase is not a new phase
			s += "→" + p
		}
	}
	return s
}
