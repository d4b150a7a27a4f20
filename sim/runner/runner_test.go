package runner_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/scenario"
	"github.com/caas-testing/caas-testing/sim/transcript"
)

func TestRunner(t *testing.T) {
	tg := bot(t)
	ctx := context.Background()

	t.Run("a scripted scenario produces a transcript with the DB phase path", func(t *testing.T) {
		dir := t.TempDir()
		sum, err := runner.Run(ctx, tg, only(t, "eight", "happy-hector"), runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		require.Equal(t, 1, sum.Played, "%+v", sum.Scenarios)
		res := sum.Scenarios[0]
		assert.Equal(t, 8, res.Turns)
		assert.Equal(t, "max turns", res.Stop)

		tr := read(t, dir, "happy-hector")
		assert.Equal(t, transcript.Header{Kind: "header", ScenarioID: "happy-hector", Bot: "cambialeon", RunID: "r1",
			Phone: res.Phone, Category: "tech-illiterate", Persona: "Happy Hector, 71", Language: "es",
			StartedAt: tr.Header.StartedAt}, tr.Header)
		assert.True(t, tg.M.TestPhones.Contains(tr.Header.Phone), "phone %s is in the test range", tr.Header.Phone)
		require.Len(t, tr.Turns, 8)
		assert.Equal(t, "opening", tr.Turns[0].Source)
		assert.Equal(t, "hola", tr.Turns[0].Customer)
		for i, tn := range tr.Turns {
			assert.Equal(t, i+1, tn.N)
			assert.NotEmpty(t, tn.Replies, "turn %d has the bot's answer", tn.N)
			assert.NotEmpty(t, tn.State, "turn %d has the session state from the DB", tn.N)
			assert.Positive(t, tn.WaitMS, "turn %d is timed", tn.N)
			assert.False(t, tn.Timeout, "turn %d settled", tn.N)
			if i > 0 {
				assert.Equal(t, "scripted", tn.Source)
			}
		}
		assert.Equal(t, "consent", tr.Turns[0].Phase)
		assert.Equal(t, "switching", tr.Turns[7].Phase)
		require.NotNil(t, tr.End, "the end line is written")
		assert.Empty(t, tr.End.Error)
		assert.Equal(t, []string{"greeting", "consent", "bill_data", "comparison", "switching"}, dedupe(tr.End.PhasePath),
			"the end line carries the phases the bot's transitions table recorded")
		assert.Positive(t, sum.BotWait)
		assert.InDelta(t, 0.5, sum.BotWaitShare(), 0.5, "a share between 0 and 1")
	})

	t.Run("a customer who opts out as the scenario expects ends the scenario there", func(t *testing.T) {
		dir := t.TempDir()
		sum, err := runner.Run(ctx, tg, scenarios(t, "optout"), runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		assert.Equal(t, "opted out, as the scenario expects", sum.Scenarios[0].Stop)
		tr := read(t, dir, "baja-berta")
		require.Len(t, tr.Turns, 3, "the turns after BAJA are not sent")
		assert.True(t, tr.Turns[2].OptedOut)
		require.NotNil(t, tr.End)
	})

	t.Run("scenarios play concurrently, each on its own phone, with whole progress lines", func(t *testing.T) {
		dir := t.TempDir()
		var out lockedBuffer
		scs := scenarios(t, "eight")
		sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir, Concurrency: 5, Progress: &out})
		require.NoError(t, err)
		assert.Equal(t, 5, sum.Played)
		phones := map[string]bool{}
		for _, res := range sum.Scenarios {
			phones[res.Phone] = true
			assert.Len(t, read(t, dir, res.ID).Turns, 8)
		}
		assert.Len(t, phones, 5, "five scenarios, five phones")
		turnLine := regexp.MustCompile(`^\[[1-5]/5\] [a-z-]+ turn [1-8]/8 phase=[a-z_]+ [0-9.]+m?s$`)
		doneLine := regexp.MustCompile(`^\[[1-5]/5\] [a-z-]+ done: 8 turns in .*, max turns, phases .+$`)
		turns, done := 0, 0
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			switch {
			case turnLine.MatchString(line):
				turns++
			case doneLine.MatchString(line):
				done++
			default:
				t.Errorf("garbled or unexpected progress line %q", line)
			}
		}
		assert.Equal(t, 40, turns)
		assert.Equal(t, 5, done)
		assert.Equal(t, []string{"transcripts/english-emma.jsonl", "transcripts/happy-hector.jsonl", "transcripts/lawyer-lucia.jsonl",
			"transcripts/rage-ramiro.jsonl", "transcripts/spy-sara.jsonl"}, sum.Transcripts())
	})

	t.Run("a scenario whose customer fails is errored in its end line and does not stop the others", func(t *testing.T) {
		dir := t.TempDir()
		scs := scenarios(t, "eight")[:2]
		broken := brokenCustomer{failAt: map[string]int{scs[0].ID: 3}}
		sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir, Customer: broken})
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Errored)
		assert.Equal(t, "errored", sum.Scenarios[0].Stop)
		assert.Equal(t, 1, sum.Played)
		tr := read(t, dir, scs[0].ID)
		assert.Len(t, tr.Turns, 2)
		require.NotNil(t, tr.End)
		assert.Contains(t, tr.End.Error, "turn 3: the customer: the persona lost its train of thought")
		assert.NotEmpty(t, tr.End.PhasePath, "the phase path is read even for a failed scenario")
		assert.Len(t, read(t, dir, scs[1].ID).Turns, 8)
	})

	t.Run("no secret reaches a transcript or the progress output", func(t *testing.T) {
		secrets := tg.SecretValues()
		require.NotEmpty(t, secrets)
		dir := t.TempDir()
		var out lockedBuffer
		leaky := leakyCustomer{secret: secrets[0]}
		_, err := runner.Run(ctx, tg, only(t, "eight", "happy-hector"), runner.Options{RunID: "r1", Dir: dir, Customer: leaky, Progress: &out})
		require.NoError(t, err)
		data, err := os.ReadFile(runner.TranscriptPath(dir, "happy-hector"))
		require.NoError(t, err)
		for _, s := range secrets {
			assert.NotContains(t, string(data), s)
			assert.NotContains(t, out.String(), s)
		}
		assert.Contains(t, string(data), "my key is [REDACTED]")
	})

	t.Run("bad options and scenarios are refused before anything is played", func(t *testing.T) {
		scs := scenarios(t, "eight")
		voya := *scs[0]
		voya.Bot = "voyachat"
		cases := []struct {
			name string
			scs  []*scenario.Scenario
			opt  runner.Options
			want string
		}{
			{"no run id", scs, runner.Options{Dir: t.TempDir()}, "RunID is empty"},
			{"no directory", scs, runner.Options{RunID: "r"}, "Dir is empty"},
			{"no scenarios", nil, runner.Options{RunID: "r", Dir: t.TempDir()}, "no scenarios"},
			{"two scenarios with one id", []*scenario.Scenario{scs[0], scs[0]}, runner.Options{RunID: "r", Dir: t.TempDir()}, "need two ids"},
			{"a scenario of another bot", []*scenario.Scenario{&voya}, runner.Options{RunID: "r", Dir: t.TempDir()}, `bot: "voyachat", but the target is cambialeon`},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := runner.Run(ctx, tg, c.scs, c.opt)
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.want)
				if c.opt.Dir != "" {
					entries, _ := os.ReadDir(c.opt.Dir)
					assert.Empty(t, entries, "nothing written")
				}
			})
		}
	})
}

// brokenCustomer is the scripted customer failing at a given turn.
type brokenCustomer struct{ failAt map[string]int }

func (b brokenCustomer) Next(ctx context.Context, sc *scenario.Scenario, history []transcript.Turn) (scenario.Turn, string, bool, error) {
	if n, ok := b.failAt[sc.ID]; ok && len(history)+1 == n {
		return scenario.Turn{}, "", false, errFailed
	}
	return runner.Scripted{}.Next(ctx, sc, history)
}

var errFailed = errorString("the persona lost its train of thought")

type errorString string

func (e errorString) Error() string { return string(e) }

// leakyCustomer pastes a secret into its second message.
type leakyCustomer struct{ secret string }

func (l leakyCustomer) Next(ctx context.Context, sc *scenario.Scenario, history []transcript.Turn) (scenario.Turn, string, bool, error) {
	turn, source, done, err := runner.Scripted{}.Next(ctx, sc, history)
	if len(history) == 1 {
		turn = scenario.Text("my key is " + l.secret)
	}
	return turn, source, done, err
}

func dedupe(in []string) []string {
	var out []string
	for _, s := range in {
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}
