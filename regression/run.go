package regression

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
)

// Run plays the row's conversation on phone (a test phone with no history)
// against the bot of tg and runs its checks. A row that cannot apply to the
// bot comes back with Result.Skip set and nothing played; so does one whose
// bot cannot be observed or driven the way the row needs (the manifest's
// reason). The error is for a conversation that could not be played: the
// bot did not finish a turn, refused a message, or a walk landed elsewhere
// than the manifest says; the message names the step.
func Run(ctx context.Context, tg *botclient.Target, phone string, r *Row) (*Result, error) {
	res := &Result{Row: r, Bot: tg.M.Name}
	if res.Skip = r.Inapplicable(tg.M); res.Skip != "" {
		return res, nil
	}
	rp := &replay{r: r, tg: tg, m: tg.M, lang: r.language(tg.M), phone: phone}
	rp.consents = slices.ContainsFunc(r.Checks, func(c Check) bool {
		return c.Rule == "consent_before_personal_data" && checkInapplicable(rp.m, c, rp.lang) == ""
	})
	err := rp.playAll(ctx)
	if err == nil {
		res.Turns = rp.turns
		res.Checks, err = rp.checkAll(ctx)
	}
	if skippable(err) {
		return &Result{Row: r, Bot: tg.M.Name, Skip: err.Error(), Turns: rp.turns}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s (%s) against %s: %w", r.ID, r.File, tg.M.Name, err)
	}
	return res, nil
}

// skippable errors say the manifest gives no way to do what the row needs.
func skippable(err error) bool {
	return errors.Is(err, botclient.ErrNotObservable) || errors.Is(err, botclient.ErrNoEndpoint) ||
		errors.Is(err, botclient.ErrNotDrivable) || errors.Is(err, botclient.ErrCannotRestart)
}

// replay is one row being played on one phone.
type replay struct {
	r        *Row
	tg       *botclient.Target
	m        *bots.Manifest
	lang     string
	phone    string
	consents bool // read the consents after each turn (a check needs them)
	turns    []Turn

	lastBody  []byte // the last message delivered, for a redelivery
	lastWamid string
}

func (rp *replay) playAll(ctx context.Context) error {
	for i, s := range rp.r.Conversation {
		name := s.Name
		if name == "" {
			name = strconv.Itoa(i + 1)
		}
		var err error
		switch {
		case s.Say != "":
			err = rp.deliver(ctx, name, s.lang(rp.lang), s.Say)
		case s.Intent != "":
			var text string
			if text, err = utterance(rp.m, s, rp.lang); err == nil {
				err = rp.deliver(ctx, name, s.lang(rp.lang), text)
			}
		case len(s.WalkToPhase) > 0:
			err = rp.walk(ctx, name, walkPhase(rp.m, s.WalkToPhase))
		case s.Redeliver:
			err = rp.redeliver(ctx, name)
		}
		if err != nil {
			return fmt.Errorf("conversation[%d] (step %s): %w", i, name, err)
		}
	}
	return nil
}

// deliver sends text as a fresh WhatsApp message and records the turn.
func (rp *replay) deliver(ctx context.Context, name, lang, text string) error {
	before, err := rp.tg.Session(ctx, rp.phone)
	if err != nil {
		return err
	}
	msg := fixtures.Text(rp.phone, text)
	body := fixtures.Delivery(msg).JSON()
	tu, err := rp.tg.Deliver(ctx, body)
	if err != nil {
		return err
	}
	tu.Sent = text
	if !tu.Settled {
		return fmt.Errorf("%s: the bot did not finish its turn within %s", tu.Quote(), tu.Waited)
	}
	rp.lastBody, rp.lastWamid = body, msg.ID
	return rp.record(ctx, Turn{Step: name, Lang: lang, Sent: text, Replies: tu.Replies, Before: before})
}

// walk moves the phone along the manifest's shortest path to the nearest
// state of phase, one recorded turn per move.
func (rp *replay) walk(ctx context.Context, name, phase string) error {
	s, err := rp.tg.Session(ctx, rp.phone)
	if err != nil {
		return err
	}
	from := s.State
	if !s.Exists || from == "" {
		from = rp.m.Graph.Initial
	}
	to := rp.m.NearestStateFrom(from, func(st string) bool { return rp.m.PhaseOf(st) == phase })
	if to == "" {
		return fmt.Errorf("no state of phase %s can be reached from %s in %s", phase, from, rp.m.File())
	}
	moves, err := rp.tg.DriveTo(ctx, rp.phone, to, rp.lang)
	for _, l := range moves {
		rp.lastBody = nil // a walk's messages are not kept for redelivery
		if rerr := rp.record(ctx, Turn{Step: name + ": " + l.Intent, Lang: rp.lang, Sent: l.Turn.Sent, Replies: l.Turn.Replies, Before: l.From}); rerr != nil {
			return rerr
		}
	}
	if err != nil {
		return fmt.Errorf("walking to phase %s: %w", phase, err)
	}
	return nil
}

// redeliver posts the last message again, signed, with its WhatsApp id,
// and counts as its replies whatever the bot sent since, but for the
// replies to a message that keeps the state sent after it (the fence: once
// its turn is over, whatever the redelivery caused has landed).
func (rp *replay) redeliver(ctx context.Context, name string) error {
	if rp.lastBody == nil {
		return errors.New("nothing to redeliver: it must follow a say or intent step")
	}
	tg, phone := rp.tg, rp.phone
	before, err := tg.Session(ctx, phone)
	if err != nil {
		return err
	}
	cursor, err := tg.Cursor(ctx, phone)
	if err != nil {
		return err
	}
	resp, err := tg.PostWhatsApp(ctx, rp.lastBody, tg.SignWhatsApp(rp.lastBody), nil)
	if err != nil {
		return err
	}
	if resp.Status/100 != 2 {
		return fmt.Errorf("a redelivery must be acknowledged with 2xx, or Meta keeps retrying; got %s", resp)
	}
	if _, err := tg.WaitTurn(ctx, phone, cursor, rp.lastWamid); err != nil {
		return err
	}
	text, err := fenceText(rp.m, rp.lang)
	if err != nil {
		return err
	}
	fence, err := tg.Say(ctx, phone, text)
	if err != nil {
		return err
	}
	all, err := tg.RepliesSince(ctx, phone, cursor)
	if err != nil {
		return err
	}
	var caused []botclient.Reply
	for _, r := range all {
		if !slices.ContainsFunc(fence.Replies, func(f botclient.Reply) bool { return f.ID == r.ID }) {
			caused = append(caused, r)
		}
	}
	return rp.record(ctx, Turn{Step: name, Lang: rp.lang, Sent: "[the same message again, id " + rp.lastWamid + "]", Replies: caused, Before: before})
}

// record completes a turn with the session after it (and the consent on
// record, when a check needs it) and keeps it.
func (rp *replay) record(ctx context.Context, tu Turn) error {
	var err error
	if tu.After, err = rp.tg.Session(ctx, rp.phone); err != nil {
		return err
	}
	if rp.consents {
		cs, err := rp.tg.Consents(ctx, rp.phone)
		if err != nil {
			return err
		}
		tu.Consented = slices.ContainsFunc(cs, func(c botclient.Consent) bool { return c.Granted })
	}
	rp.turns = append(rp.turns, tu)
	return nil
}
