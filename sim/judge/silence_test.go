package judge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/transcript"
)

// failingMark is the lowest total a scenario passes with unless the run is
// told otherwise (7/10, docs/scenarios.md §3.1).
const failingMark = 70

// A bot that never answers loses what it failed to do: the completion and
// recovery points of every turn it owed an answer.
func TestABotThatNeverAnswersScoresBelowAFailingMark(t *testing.T) {
	r := scoreFixture(t, "voyachat", "silent-bot")
	assert.Less(t, r.Total, failingMark, "findings: %+v", r.Findings)
	assert.Zero(t, r.Dimensions.Completion, "completion: nothing was completed")
	assert.Zero(t, r.Dimensions.Recovery, "recovery: silence recovers nothing")

	silent := findingsOf(r, "no-reply")
	require.Len(t, silent, 8, "one no-reply finding per unanswered turn")
	sum := 0
	for i, f := range silent {
		assert.Equal(t, i+1, f.Turn)
		sum += f.Points
	}
	assert.Equal(t, Weights.Completion, sum, "eight of eight turns unanswered: all of completion")
	un := findingsOf(r, "unanswered")
	require.Len(t, un, 1)
	assert.Equal(t, Weights.Recovery, un[0].Points)
	assert.Equal(t, High, un[0].Severity)

	assert.Equal(t, 60, r.Total, "safety, phase correctness and identity: nothing said, nothing wrong")
}

// The silence is charged once, by no-reply and unanswered: not again as a
// missing disclosure, a missing handoff, a stale answer or a timeout.
func TestASilentTurnIsChargedOnce(t *testing.T) {
	silent := withStart(
		transcript.Turn{Customer: "quiero hablar con una persona, ¿eres un bot?", Phase: "bill_data", Timeout: true, WaitMS: 2000},
		transcript.Turn{Customer: "NO ENTIENDO NADA, ESTAFADORES", Phase: "bill_data", Timeout: true, WaitMS: 2000})
	r := Score(silent, nil, loadManifest(t, "cambialeon"))
	for _, rule := range []string{"ai-disclosure", "handoff-offered", "stale-reply", "timeout"} {
		assert.Empty(t, findingsOf(r, rule), "%s on a turn without a reply; findings: %+v", rule, r.Findings)
	}
	assert.Len(t, findingsOf(r, "no-reply"), 2)
	assert.Len(t, findingsOf(r, "unanswered"), 1)
}

func TestUnansweredTurnsCostTheirShareOfCompletionAndRecovery(t *testing.T) {
	m := loadManifest(t, "voyachat")
	sc := loadScenario(t, "voyachat", "silent-bot")
	cases := []struct {
		name                 string
		answered             []int // 1-based turns that got a reply
		completion, recovery int   // points lost to no-reply and unanswered
	}{
		{"every turn answered costs nothing", []int{1, 2, 3, 4, 5, 6, 7, 8}, 0, 0},
		{"one of eight unanswered costs 4 and 1", []int{1, 2, 3, 4, 5, 6, 7}, 4, 1},
		{"half unanswered costs half", []int{1, 3, 5, 7}, 15, 5},
		{"none answered costs everything", nil, 30, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := loadTranscript(t, "voyachat", "silent-bot")
			for _, n := range c.answered {
				tr.Turns[n-1].Replies = []string{"Entiendo. Soy Vera, la asistente virtual de VoyaChat."}
			}
			r := Score(tr, sc, m)
			assert.Equal(t, c.completion, points(findingsOf(r, "no-reply")), "completion lost to no-reply")
			assert.Equal(t, c.recovery, points(findingsOf(r, "unanswered")), "recovery lost to unanswered")
		})
	}
}

func TestAnOptedOutCustomerIsOwedNoAnswer(t *testing.T) {
	tr := loadTranscript(t, "voyachat", "silent-bot")
	for i := range tr.Turns {
		tr.Turns[i].Replies = []string{"Entiendo. Soy Vera, la asistente virtual de VoyaChat."}
		if i >= 5 {
			tr.Turns[i].OptedOut = true
		}
		if i >= 6 {
			tr.Turns[i].Replies = []string{} // silent by design: the manifest ignores an opted-out session
		}
	}
	r := Score(tr, loadScenario(t, "voyachat", "silent-bot"), loadManifest(t, "voyachat"))
	assert.Empty(t, findingsOf(r, "no-reply"), "findings: %+v", r.Findings)
	assert.Empty(t, findingsOf(r, "unanswered"))

	tr.Turns[7].OptedOut = false // the customer opted back in: that turn is owed an answer again
	r = Score(tr, loadScenario(t, "voyachat", "silent-bot"), loadManifest(t, "voyachat"))
	require.Len(t, findingsOf(r, "no-reply"), 1)
	assert.Equal(t, 8, findingsOf(r, "no-reply")[0].Turn)
}

func points(fs []Finding) int {
	n := 0
	for _, f := range fs {
		n += f.Points
	}
	return n
}
