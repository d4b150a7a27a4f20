package matrix

import "slices"

// testsEveryBot reports whether a clean run tested every bot in one binary:
// each of its tests that ran has a subtest named after every bot (the
// cross-product layer's pattern), whatever CAAS_BOT said.
func testsEveryBot(r *Run, bots []string) bool {
	if len(bots) < 2 || (r.Outcome != Green && r.Outcome != Red) {
		return false
	}
	ran := 0
	for _, t := range r.Tests {
		if t.Status != Passed && t.Status != Failed {
			continue
		}
		ran++
		for _, b := range bots {
			if !slices.Contains(t.Parts, b) {
				return false
			}
		}
	}
	return ran > 0
}

// forBot is a run of a layer that tests every bot, seen from one bot: a
// test failed for it when its subtest for that bot failed (or when the test
// failed outside any bot's subtest).
func forBot(r *Run, bot string) *Run {
	n := *r
	n.Bot = bot
	n.SharedWith = r.Bot
	n.Tests = nil
	failed := 0
	for _, t := range r.Tests {
		c := *t
		if t.Status == Failed && len(t.FailedParts) > 0 {
			msg, ok := t.FailedParts[bot]
			switch {
			case !ok:
				c.Status, c.Failure = Passed, ""
			case msg != "":
				c.Failure = bot + ": " + msg
			}
		}
		if c.Status == Failed {
			failed++
		}
		n.Tests = append(n.Tests, &c)
	}
	if n.Outcome == Red && failed == 0 {
		n.Outcome = Green
	}
	return &n
}
