package judge

import "fmt"

// checkLoops: the same reply three times in a row, or three times in one
// conversation, means the bot is stuck.
func checkLoops(in *input, r rule) []Finding {
	type sent struct {
		text string
		turn int
	}
	var all []sent
	for _, tn := range in.t.Turns {
		for _, rep := range nonEmpty(tn.Replies) {
			all = append(all, sent{rep, tn.N})
		}
	}
	var out []Finding
	reported := map[string]bool{}
	for i, s := range all {
		key := words(s.text)
		if reported[key] {
			continue
		}
		count, run, longest, third := 0, 0, 0, 0
		for _, o := range all[i:] {
			if sameText(o.text, s.text) {
				count++
				run++
				if count == 3 {
					third = o.turn
				}
			} else {
				run = 0
			}
			longest = max(longest, run)
		}
		if count < 3 {
			continue
		}
		reported[key] = true
		f := r.hit(third, quote(s.text, 0, 0), fmt.Sprintf("sent the same reply %d times in a row", longest))
		if longest < 3 {
			f.Points, f.Severity = 4, Low
			f.Message = fmt.Sprintf("sent the same reply %d times in one conversation", count)
		}
		out = append(out, f)
	}
	return out
}

// checkStaleReplies: a hostile or confused message needs a real answer,
// not the previous reply again. (No answer at all is charged by no-reply.)
func checkStaleReplies(in *input, r rule) []Finding {
	var out []Finding
	for i, tn := range in.t.Turns {
		msg := said(tn)
		if !in.owed(i) || !(in.asks("hostile", msg) || in.asks("help", msg)) {
			continue
		}
		if replies := nonEmpty(tn.Replies); len(replies) > 0 && i > 0 && repeatsPrevious(replies, in.t.Turns[i-1].Replies) {
			out = append(out, r.hit(tn.N, exchange(shown(tn), replies),
				"a confused or upset customer got the previous reply again"))
		}
	}
	return out
}

// repeatsPrevious: every reply of this turn was already sent last turn.
func repeatsPrevious(replies, previous []string) bool {
	for _, r := range replies {
		found := false
		for _, p := range previous {
			found = found || sameText(r, p)
		}
		if !found {
			return false
		}
	}
	return true
}

// checkHandoffOffered: asking for a person must get a handoff offer in the
// answer (the bot may still go on helping). An answer the judge cannot
// read is undecided; no answer at all is charged by no-reply.
func checkHandoffOffered(in *input, r rule) []Finding {
	var out []Finding
	for i, tn := range in.t.Turns {
		msg := said(tn)
		if !in.owed(i) || !in.asks("human", msg) || len(nonEmpty(tn.Replies)) == 0 {
			continue
		}
		// Asked "are you a bot or a person?" in the same breath: an honest
		// AI disclosure is an acceptable answer.
		if in.asks("are_you_bot", msg) && in.discloses(tn.Replies) {
			continue
		}
		switch in.offersHandoff(tn.Replies) {
		case didNot:
			out = append(out, r.hit(tn.N, exchange(shown(tn), tn.Replies), "asked for a person, no handoff was offered"))
		case cannotTell:
			out = append(out, r.undecided(tn.N, exchange(shown(tn), tn.Replies),
				"asked for a person; the judge cannot read whether the reply offers one"))
		}
	}
	return out
}

// checkTimeouts: a turn that did not settle within the reply budget, but
// answered (a turn with no answer at all is charged by no-reply and
// unanswered).
func checkTimeouts(in *input, r rule) []Finding {
	var out []Finding
	for _, tn := range in.t.Turns {
		if tn.Timeout && len(nonEmpty(tn.Replies)) > 0 {
			out = append(out, r.hit(tn.N, fmt.Sprintf("waited %.0f ms; %s", tn.WaitMS, exchange(shown(tn), tn.Replies)),
				"the bot did not finish its turn within the reply budget"))
		}
	}
	return out
}
