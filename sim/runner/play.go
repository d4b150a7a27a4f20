package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
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
// and the error that ended it early, if any.
func (r *run) converse(ctx context.Context, i int, sc *scenario.Scenario, phone string, w *transcript.Writer, res *ScenarioResult) ([]transcript.Turn, string, error) {
	maxTurns := sc.MaxTurns
	if maxTurns <= 0 {
		maxTurns = scenario.MaxTurns
	}
	var history []transcript.Turn
	for n := 1; n <= maxTurns; n++ {
		text, source, done, err := r.opt.Customer.Next(ctx, sc, history)
		if err != nil {
			return history, "customer error", fmt.Errorf("turn %d: the customer: %w", n, err)
		}
		if done {
			return history, "the customer had nothing more to say", nil
		}
		if text == "" {
			return history, "customer error", fmt.Errorf("turn %d: the customer (%s) gave an empty message; WhatsApp delivers no empty text", n, source)
		}
		sentAt := time.Now().UTC()
		tu, err := r.tg.Say(ctx, phone, text)
		if err != nil {
			return history, "bot error", fmt.Errorf("turn %d: %w", n, err)
		}
		res.BotWait += tu.Waited
		sess, err := r.tg.Session(ctx, phone)
		if err != nil {
			return history, "bot error", fmt.Errorf("turn %d: reading the session: %w", n, err)
		}
		replies := make([]string, len(tu.Replies))
		for k, rep := range tu.Replies {
			replies[k] = r.redact(rep.Body)
		}
		turn := transcript.Turn{
			Kind: transcript.KindTurn, N: n, Customer: r.redact(text), Source: source, Replies: replies,
			State: sess.State, Phase: sess.Phase, OptedOut: sess.OptedOut,
			WaitMS: math.Round(float64(tu.Waited)/float64(time.Millisecond)*10) / 10,
			SentAt: sentAt, Timeout: !tu.Settled,
		}
		if err := w.Turn(turn); err != nil {
			return history, "write error", err
		}
		history = append(history, turn)
		r.progress.turn(i, sc.ID, n, maxTurns, sess.Phase, tu.Waited, tu.Settled)
		switch {
		case sess.OptedOut && sc.Expect.OptOut:
			return history, "opted out, as the scenario expects", nil
		case r.tg.M.IsTerminal(sess.State):
			return history, "terminal state " + sess.State, nil
		}
	}
	return history, "max turns", nil
}

// failed records err as the scenario's failure and prints it.
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
	res.Err = err
	r.progress.printf(i, res.ID, "FAILED after %s: %v", turns(res.Turns), err)
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
