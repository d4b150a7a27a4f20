package runner_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/botclient"
	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/sim/runner"
	"github.com/caas-testing/caas-testing/sim/runner/runnertest"
)

func TestEveryKindOfTurnReachesTheBotAsItsWhatsAppMessage(t *testing.T) {
	fake := runnertest.Start(t, runnertest.Options{})
	tg := fake.Target(t)
	dir := t.TempDir()
	sum, err := runner.Run(context.Background(), tg, scenarios(t, "fakebot"), runner.Options{RunID: "r1", Dir: dir})
	require.NoError(t, err)
	require.Equal(t, 1, sum.Played, "%+v", sum.Scenarios)

	var types, texts []string
	for _, m := range fake.Received() {
		types = append(types, m.Type)
		texts = append(texts, m.Text)
	}
	assert.Equal(t, []string{"text", "audio", "image", "document", "location", "interactive", "text", "text", "text", "text", "text", "audio"}, types,
		"each turn is the Cloud API message of its kind; a burst is its texts, one delivery each")
	assert.Equal(t, []string{"uno", "dos", "tres", "cuatro", "cinco"}, texts[6:11], "the burst arrives in the order it was written")

	tr := read(t, dir, "every-kind")
	require.Len(t, tr.Turns, 8, "one turn per scenario turn: the burst is waited for once")
	var kinds []string
	for _, tn := range tr.Turns {
		kinds = append(kinds, tn.Type)
	}
	assert.Equal(t, []string{"text", "audio", "image", "document", "location", "button", "burst", "audio"}, kinds)
	assert.Equal(t, "LA FACTURA", tr.Turns[2].Customer, "a photo's words are its caption")
	assert.Equal(t, "Plaza Mayor, Soria", tr.Turns[4].Customer)
	assert.Equal(t, []string{"uno", "dos", "tres", "cuatro", "cinco"}, tr.Turns[6].Parts)
	assert.Equal(t, "uno\ndos\ntres\ncuatro\ncinco", tr.Turns[6].Customer)
}

// A bot that answers, or does not, is scored; only a play that fails
// outside the conversation is errored (the listener killed mid-run is in
// sim/pipeline's tests).
func TestWhatTheBotDoesWrongIsScoredAndWhatTheHarnessDoesWrongIsErrored(t *testing.T) {
	ctx := context.Background()
	sc := scenarios(t, "fakebot")

	t.Run("a bot that answers every delivery 503 is scored: each turn carries the status, and the conversation goes on", func(t *testing.T) {
		fake := runnertest.Start(t, runnertest.Options{Status: http.StatusServiceUnavailable})
		dir := t.TempDir()
		sum, err := runner.Run(ctx, fake.Target(t), sc, runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Played)
		assert.Zero(t, sum.Errored)
		tr := read(t, dir, "every-kind")
		require.Len(t, tr.Turns, 8, "every turn is sent, as a customer would keep typing")
		for _, tn := range tr.Turns {
			assert.Equal(t, http.StatusServiceUnavailable, tn.HTTPStatus, "turn %d", tn.N)
			assert.Empty(t, tn.Replies, "turn %d", tn.N)
		}
		_, errored := tr.Errored()
		assert.False(t, errored, "a 5xx is the bot's fault: the transcript is scored")
	})

	t.Run("a bot that acknowledges and never answers is scored: its turns are silent", func(t *testing.T) {
		fake := runnertest.Start(t, runnertest.Options{})
		dir := t.TempDir()
		sum, err := runner.Run(ctx, fake.Target(t), sc, runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Played)
		tr := read(t, dir, "every-kind")
		require.Len(t, tr.Turns, 8)
		for _, tn := range tr.Turns {
			assert.Empty(t, tn.Replies, "turn %d", tn.N)
			assert.Zero(t, tn.HTTPStatus, "turn %d", tn.N)
		}
		_, errored := tr.Errored()
		assert.False(t, errored)
	})

	t.Run("a bot that refuses the run's signature is errored, naming the secret to check", func(t *testing.T) {
		fake := runnertest.Start(t, runnertest.Options{})
		env := map[string]string{}
		for k, v := range fake.Env {
			env[k] = v
		}
		env["CAAS_FAKEBOT_APP_SECRET"] = "app_not_the_bots_secret"
		m, err := bots.Loader{Dir: fake.BotsDir, Getenv: func(k string) string { return env[k] }}.Load(runnertest.Name)
		require.NoError(t, err)
		tg, err := botclient.Start(ctx, m, botclient.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { _ = tg.Close(context.Background()) })

		dir := t.TempDir()
		sum, err := runner.Run(ctx, tg, sc, runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Errored)
		assert.Zero(t, sum.Played)
		tr := read(t, dir, "every-kind")
		cause, errored := tr.Errored()
		assert.True(t, errored)
		assert.Contains(t, cause, "refused the signature")
		assert.Contains(t, cause, "secrets.app_secret")
		assert.NotContains(t, cause, "app_not_the_bots_secret", "a secret is never printed")
		assert.Len(t, runner.Pending(dir, "r1", sc), 1, "an errored scenario is pending: a resume plays it again")
	})
}
