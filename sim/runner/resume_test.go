package runner_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/sim/runner"
)

func TestResume(t *testing.T) {
	tg := bot(t)
	ctx := context.Background()
	scs := scenarios(t, "eight")[:3]
	finished, cut, missing := scs[0].ID, scs[1].ID, scs[2].ID

	// cutTo keeps the header and the first n turns of a finished
	// transcript, then appends tail (half a line, as a crash leaves it).
	cutTo := func(t *testing.T, dir, id string, n int, tail string) {
		path := runner.TranscriptPath(dir, id)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		lines := strings.SplitAfter(string(data), "\n")
		require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines[:1+n], "")+tail), 0o644))
	}

	t.Run("a re-run skips finished scenarios and plays unfinished ones again from the start", func(t *testing.T) {
		dir := t.TempDir()
		_, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		before, err := os.ReadFile(runner.TranscriptPath(dir, finished))
		require.NoError(t, err)
		cutTo(t, dir, cut, 3, `{"kind":"turn","n":4,"customer":"En`) // a crash mid-line
		require.NoError(t, os.Remove(runner.TranscriptPath(dir, missing)))
		pending := runner.Pending(dir, "r1", scs)
		require.Len(t, pending, 2)
		assert.Equal(t, []string{cut, missing}, []string{pending[0].ID, pending[1].ID})

		var c countingCustomer
		var out lockedBuffer
		sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir, Customer: &c, Progress: &out})
		require.NoError(t, err)
		assert.Equal(t, 1, sum.Skipped)
		assert.Equal(t, 2, sum.Played)

		assert.True(t, sum.Scenarios[0].Skipped)
		assert.Zero(t, c.count(finished), "a finished scenario sends nothing")
		after, err := os.ReadFile(runner.TranscriptPath(dir, finished))
		require.NoError(t, err)
		assert.Equal(t, string(before), string(after), "a finished transcript is left as it was")

		assert.True(t, sum.Scenarios[1].Replayed)
		assert.Equal(t, 8, c.count(cut), "the cut scenario is played from its opening, not from turn 4")
		tr := read(t, dir, cut)
		assert.Len(t, tr.Turns, 8)
		assert.NotNil(t, tr.End)
		assert.Contains(t, out.String(), "stopped after 3 turns (no end line)")

		assert.Empty(t, runner.Pending(dir, "r1", scs), "nothing left to play")
		assert.Len(t, runner.Pending(dir, "r2", scs), 3, "another run id plays everything")

		assert.False(t, sum.Scenarios[2].Replayed, "a missing transcript is a first attempt")
		assert.Equal(t, 8, c.count(missing))
	})

	t.Run("an errored scenario is played again, and only it", func(t *testing.T) {
		dir := t.TempDir()
		broken := brokenCustomer{failAt: map[string]int{cut: 4}}
		sum, err := runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir, Customer: broken})
		require.NoError(t, err)
		require.Equal(t, 1, sum.Errored)
		tr := read(t, dir, cut)
		require.NotNil(t, tr.End, "an errored scenario has its end line, with the cause")
		assert.Contains(t, tr.End.Error, "the persona lost its train of thought")

		var c countingCustomer
		var out lockedBuffer
		sum, err = runner.Run(ctx, tg, scs, runner.Options{RunID: "r1", Dir: dir, Customer: &c, Progress: &out})
		require.NoError(t, err)
		assert.Equal(t, 2, sum.Skipped, "the scored scenarios are kept")
		assert.Equal(t, 1, sum.Played)
		assert.Zero(t, sum.Errored)
		assert.Equal(t, 8, c.count(cut), "the errored scenario is played from its opening")
		assert.Zero(t, c.count(finished)+c.count(missing))
		assert.Contains(t, out.String(), "it was errored: turn 4: the customer: the persona lost its train of thought")
		tr = read(t, dir, cut)
		assert.Len(t, tr.Turns, 8)
		assert.Empty(t, tr.End.Error)
	})

	t.Run("a transcript of another run id in the directory is played again", func(t *testing.T) {
		dir := t.TempDir()
		_, err := runner.Run(ctx, tg, scs[:1], runner.Options{RunID: "old", Dir: dir})
		require.NoError(t, err)
		var c countingCustomer
		sum, err := runner.Run(ctx, tg, scs[:1], runner.Options{RunID: "new", Dir: dir, Customer: &c})
		require.NoError(t, err)
		assert.True(t, sum.Scenarios[0].Replayed)
		assert.Equal(t, 8, c.count(finished))
		assert.Equal(t, "new", read(t, dir, finished).Header.RunID)
	})

	t.Run("Ctrl-C keeps the turns written so far and the run resumes", func(t *testing.T) {
		dir := t.TempDir()
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		c := &countingCustomer{before: func(id string, n int) {
			if id == finished && n == 4 {
				cancel() // as Ctrl-C would, while turn 4 is about to be sent
			}
		}}
		sum, err := runner.Run(cctx, tg, scs[:1], runner.Options{RunID: "r1", Dir: dir, Customer: c, Concurrency: 1})
		require.Error(t, err)
		assert.True(t, errors.Is(err, context.Canceled), "%v", err)
		assert.Contains(t, err.Error(), "run again with the same run id to resume")
		assert.True(t, sum.Interrupted)
		tr := read(t, dir, finished)
		assert.Len(t, tr.Turns, 3, "the turns before the interruption are kept")
		assert.Nil(t, tr.End, "no end line: the scenario is unfinished")
		sess, err := tg.Session(ctx, sum.Scenarios[0].Phone)
		require.NoError(t, err)
		assert.False(t, sess.Exists, "the interrupted scenario's phone was released (its rows deleted)")

		sum, err = runner.Run(ctx, tg, scs[:1], runner.Options{RunID: "r1", Dir: dir})
		require.NoError(t, err)
		assert.True(t, sum.Scenarios[0].Replayed)
		tr = read(t, dir, finished)
		assert.Len(t, tr.Turns, 8)
		assert.NotNil(t, tr.End)
	})
}
