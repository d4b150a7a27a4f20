package bots_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

// tinyWith loads testdata/valid/tiny.yaml and lets change break it.
func tinyWith(t *testing.T, change func(m *bots.Manifest)) error {
	t.Helper()
	unsetTestdataVars(t)
	m, err := repo.LoadFile(filepath.Join("testdata", "valid", "tiny.yaml"))
	require.NoError(t, err)
	change(m)
	return m.Validate()
}

// problemFields are the fields the problems of err name.
func problemFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var probs bots.Problems
	require.True(t, errors.As(err, &probs), "not a bots.Problems: %v", err)
	out := make([]string, len(probs))
	for i, p := range probs {
		out[i] = p.Field
	}
	return out
}

// The shapes a bot may reset a test phone with: the phone picks the rows
// first, and only and narrows them further (the refused ones, each with its
// message, are testdata/broken/reset_*.yaml).
func TestAResetStatementThatPicksItsRowsByThePhoneAndNarrowsOnlyWithAndIsAccepted(t *testing.T) {
	for _, stmt := range []string{
		"delete from messages where phone = $1",
		"DELETE FROM Messages WHERE Phone = $1;",
		"delete from public.messages where phone = $1",
		`delete from "Messages" where "phone" = $1`,
		"delete from messages m where m.phone = $1",
		"delete from messages where phone = $1::text",
		"delete from messages where phone = $1 and direction = 'or not in'",
		"delete from messages where phone = $1 and created_at > now() - interval '1 day' returning id",
		"delete from messages where phone = $1 -- or everything, says the comment",
		"delete from messages /* or not */ where phone = $1",
		"delete from messages\n  where phone = $1\n  and id > 0",
		"update sessions set state = 'greeting', data = '{}'::jsonb where phone = $1",
		"update sessions s set data = (select '{}'::jsonb where true) where s.phone = $1 and s.product = 'x'",
	} {
		t.Run(stmt, func(t *testing.T) {
			err := tinyWith(t, func(m *bots.Manifest) { m.Observe.ResetSQL = []string{stmt} })
			assert.NoError(t, err)
		})
	}
}

func TestAResetStatementThatCouldReachAnotherPhoneIsRefusedWithTheShapeToWrite(t *testing.T) {
	for _, stmt := range []string{
		"delete from messages where phone <> $1",
		"delete from messages where phone = $1 or true",
		"delete from messages where phone = $1 and not false",
		"delete from messages where phone = any($1)",
		"delete from messages where phone ilike $1",
		"delete from messages where phone = $1 || '%'",
		"delete from messages where phone = $12",
		"delete from messages where (phone = $1)",
		"delete from messages",
		"update sessions set data = '{}' ",
		"update sessions set phone = '0' where phone = $1",
		"update sessions s set s.phone = '0' where s.phone = $1",
		"with x as (delete from messages returning 1) delete from sessions where phone = $1",
		"insert into messages values ($1)",
		"delete from messages where phone = $$34600090000$$ and phone = $1",
		"delete from messages where phone = $1 and body = 'unclosed",
		"delete from messages where phone = $1 /* unclosed",
		"truncate messages",
		"delete from messages where phone = $1; truncate sessions",
		";",
	} {
		t.Run(stmt, func(t *testing.T) {
			err := tinyWith(t, func(m *bots.Manifest) { m.Observe.ResetSQL = []string{stmt} })
			require.Equal(t, []string{"observe.reset_sql[0]"}, problemFields(t, err), "%v", err)
			assert.NotContains(t, err.Error(), "34600090000", "a message quotes the statement's data")
			if !strings.Contains(err.Error(), "'…' literal") && !strings.Contains(err.Error(), "close ") {
				assert.Contains(t, err.Error(), "where <phone column> = $1", "the fix gives the shape to write")
			}
		})
	}
}

// A range wider than 100 numbers is refused unless the team says why the
// whole block is its own; narrower ones need no reason.
func TestATestRangeOverAHundredNumbersNeedsTheReasonTheTeamOwnsIt(t *testing.T) {
	for _, c := range []struct {
		name, rng, reason string
		refused           bool
	}{
		{"a hundred numbers", "346000900XX", "", false},
		{"a thousand numbers", "34600090XXX", "", true},
		{"a thousand numbers the team owns", "34600090XXX", "the 34600090XXX block is our operator's test numbering", false},
		{"a blank reason", "34600090XXX", "  ", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := tinyWith(t, func(m *bots.Manifest) { m.TestPhones = bots.Phones{Range: c.rng, OwnedReason: c.reason} })
			if !c.refused {
				assert.NoError(t, err)
				return
			}
			require.Equal(t, []string{"test_phones.range"}, problemFields(t, err), "%v", err)
			assert.Contains(t, err.Error(), "test_phones.owned_reason")
		})
	}
}
