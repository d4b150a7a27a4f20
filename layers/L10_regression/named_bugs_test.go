package l10regression_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/regression"
	"github.com/caas-testing/caas-testing/testutil"
)

// Every named production bug, replayed on a phone of its own: a subtest
// per row, named by when it was found, by whom and what it was
// ("2026-03-25_spy-laura_provider-names-before-comparison"), and in it a
// subtest per check that passes, fails with the conversation's evidence, or
// skips with the manifest's reason.
func TestNamedProductionBugs(t *testing.T) {
	m := testutil.Manifest(t)
	for _, r := range loadRows(t) {
		t.Run(r.Name(), func(t *testing.T) {
			t.Parallel()
			t.Logf("%s: %s (found %s by %s on %s; fix: %s)", r.File, r.Title, r.Found, r.Scenario, r.FoundOn, r.Fix)
			if reason := r.Inapplicable(m); reason != "" {
				t.Skip(reason)
			}
			tg := testutil.Open(t)
			phone := tg.Phone(t)
			ctx := t.Context()
			if at, ok := t.Deadline(); ok {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, at.Add(-5*time.Second))
				defer cancel()
			}
			res, err := regression.Run(ctx, tg.Target, phone, r)
			require.NoError(t, err, "the conversation of %s could not be played", r.File)
			if res.Skip != "" {
				t.Skip(res.Skip)
			}
			for _, o := range res.Checks {
				t.Run(o.Name(), func(t *testing.T) { report(t, o) })
			}
		})
	}
}

// report turns one check's outcome into the test's result: a failure per
// place the rule was broken, each with its evidence (a pass keeps its
// evidence to itself: -v would drown in quoted replies).
func report(t *testing.T, o regression.Outcome) {
	t.Helper()
	switch o.Status {
	case regression.Skipped:
		t.Skip(o.Reason)
	case regression.Failed:
		if len(o.Evidence) == 0 {
			t.Error(o.Reason)
		}
		for _, e := range o.Evidence {
			t.Errorf("%s; %s", o.Reason, e)
		}
	}
}
