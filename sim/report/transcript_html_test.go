package report

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/judge"
)

func readPage(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "report.html"))
	require.NoError(t, err)
	return string(data)
}

// turnBlock is the HTML of one turn of a conversation: from its anchor to
// the next turn or the end of the conversation.
func turnBlock(t *testing.T, page, anchor string) string {
	t.Helper()
	start := strings.Index(page, `id="`+anchor+`"`)
	require.GreaterOrEqual(t, start, 0, "no turn %s in the page", anchor)
	rest := page[start+1:]
	end := len(rest)
	for _, stop := range []string{`<div class="turn"`, `</details>`} {
		if i := strings.Index(rest, stop); i >= 0 && i < end {
			end = i
		}
	}
	return rest[:end]
}

func TestReportHTMLShowsEachConversationTurnByTurn(t *testing.T) {
	page := readPage(t, writeRunWithTranscripts(t, withPrevious(), playedTurns()))
	for id, turns := range playedTurns() {
		for _, tn := range turns {
			block := turnBlock(t, page, anchor(id)+"-t"+strconv.Itoa(tn.N))
			assert.Contains(t, block, template.HTMLEscapeString(tn.Customer), "%s turn %d: the customer's message", id, tn.N)
			for _, r := range tn.Replies {
				assert.Contains(t, block, template.HTMLEscapeString(r), "%s turn %d: the bot's reply", id, tn.N)
			}
			assert.Contains(t, block, "phase "+tn.Phase, "%s turn %d: the phase after the turn", id, tn.N)
		}
	}
	assert.Contains(t, turnBlock(t, page, "s-spy-laura-providers-t1"), "settled in 640ms")
	grandma := turnBlock(t, page, "s-grandma-carmen-bill-t2")
	assert.Contains(t, grandma, "no reply")
	assert.Contains(t, grandma, "did not settle within the reply budget")
	assert.Contains(t, page, "Cut short after turn 2", "a transcript with no end line says it was cut")
	assert.Contains(t, page, "greeting → consent", "a finished one shows the database's phase path")
	assert.NotContains(t, page, `id="s-lawyer-alberto-consent-t1"`, "a scenario whose transcript the run does not list gets no turns")
}

func TestReportHTMLAnchorsEachFindingAtItsTurnWithItsQuote(t *testing.T) {
	run := withPrevious()
	page := readPage(t, writeRunWithTranscripts(t, run, playedTurns()))
	spy := run.Results[0]
	require.Equal(t, "spy-laura-providers", spy.ScenarioID)
	for _, f := range spy.Findings {
		a := anchor(spy.ScenarioID) + "-t" + strconv.Itoa(f.Turn)
		block := turnBlock(t, page, a)
		assert.Contains(t, block, `class="at-turn"`, "turn %d holds its finding", f.Turn)
		assert.Contains(t, block, template.HTMLEscapeString(f.Message), "turn %d: the finding's message", f.Turn)
		assert.Contains(t, block, "<blockquote>"+template.HTMLEscapeString(f.Evidence)+"</blockquote>", "turn %d: the finding's quote", f.Turn)
		assert.Contains(t, page, `<a href="#`+a+`">`+strconv.Itoa(f.Turn)+`</a>`, "the findings table links turn %d to the conversation", f.Turn)
	}
	assert.NotContains(t, turnBlock(t, page, "s-spy-laura-providers-t1"), `class="at-turn"`, "turn 1 has no finding")
}

func TestReportHTMLShowsAFindingOfAKindItDoesNotKnow(t *testing.T) {
	run := withPrevious()
	run.Results[0].Findings = append(run.Results[0].Findings, judge.Finding{Dimension: judge.Identity, Severity: "undecided", Turn: 1,
		Rule: "human-claim", Evidence: "¿Eres una persona?", Message: "no pattern decides whether this denies being a person"})
	page := readPage(t, writeRunWithTranscripts(t, run, playedTurns()))
	block := turnBlock(t, page, "s-spy-laura-providers-t1")
	assert.Contains(t, block, "undecided")
	assert.Contains(t, block, "no pattern decides whether this denies being a person")
}

func TestReportHTMLSaysWhenATranscriptCannotBeRead(t *testing.T) {
	run := withPrevious()
	root := t.TempDir()
	dir := Dir(root, run.Bot, run.RunID)
	run.Transcripts = []string{"transcripts/spy-laura-providers.jsonl"}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "transcripts"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, run.Transcripts[0]), []byte("{not json\n"), 0o644))
	require.NoError(t, Write(root, run))
	page := readPage(t, dir)
	assert.Contains(t, page, "The transcript could not be read")
	assert.Contains(t, page, `href="transcripts/spy-laura-providers.jsonl"`, "the raw file is still linked")
}

func TestReportHTMLRedactsTheConversation(t *testing.T) {
	run := withPrevious()
	secret := "whsec_9f8e7d6c5b4a"
	played := playedTurns()
	played["spy-laura-providers"][0].Replies = []string{"my signing secret is " + secret}
	run.Redact = func(s string) string { return strings.ReplaceAll(s, secret, "[REDACTED]") }
	page := readPage(t, writeRunWithTranscripts(t, run, played))
	assert.NotContains(t, page, secret)
	assert.Contains(t, turnBlock(t, page, "s-spy-laura-providers-t1"), "my signing secret is [REDACTED]")
}

func TestReportHTMLWithConversationsIsSelfContained(t *testing.T) {
	assertSelfContained(t, readPage(t, writeRunWithTranscripts(t, withPrevious(), playedTurns())))
}
