package l03e2e_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// phoneRows is everything the manifest lets the framework read about a phone.
type phoneRows struct {
	Session testutil.Session
	Inbound []testutil.Reply
	Replies []testutil.Reply
	Phases  []string
}

func rowsOf(t testing.TB, tg *testutil.Target, phone string) phoneRows {
	t.Helper()
	return phoneRows{
		Session: tg.Session(t, phone),
		Inbound: tg.Inbound(t, phone),
		Replies: tg.Replies(t, phone),
		Phases:  tg.PhasePath(t, phone),
	}
}

func TestResettingATestPhoneRemovesItsRowsAndNoOtherPhones(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	if len(path) > 2 {
		path = path[:2]
	}
	phones := tg.Phones(t, 2)
	reset, kept := phones[0], phones[1]
	for _, phone := range phones {
		drive(t, tg, phone, path, nil)
	}
	keptBefore := rowsOf(t, tg, kept)
	require.True(t, keptBefore.Session.Exists, "precondition: %s has a session", kept)
	require.NotEmpty(t, keptBefore.Replies, "precondition: %s has replies", kept)

	tg.ResetPhone(t, reset)

	gone := rowsOf(t, tg, reset)
	assert.False(t, gone.Session.Exists, "observe.reset_sql left %s's session: %+v", reset, gone.Session)
	assert.Empty(t, gone.Inbound, "observe.reset_sql left %s's inbound messages", reset)
	assert.Empty(t, gone.Replies, "observe.reset_sql left %s's replies", reset)
	assert.Empty(t, gone.Phases, "observe.reset_sql left %s's phase path", reset)
	if m.Observe.PersonalDataSQL != "" {
		assert.Empty(t, tg.PersonalData(t, reset), "observe.reset_sql left personal data of %s", reset)
	}
	assert.Equal(t, keptBefore, rowsOf(t, tg, kept), "resetting %s changed the rows of another test phone, %s", reset, kept)

	// A reset phone is a new customer again.
	tu := tg.Say(t, reset, testutil.Utterance(t, m, path[0].Intent, ""))
	assert.Equal(t, path[0].State, tg.Session(t, reset).State, "%s: after a reset the phone must start over at graph.initial", tu.Quote())
}

func TestResetRefusesAPhoneOutsideTheTestRange(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, phone := range []string{
		"34912345678",  // a Madrid landline: a real customer could own it
		"34600091000",  // just past a 346000900XX range
		"3460009000",   // one digit short
		"346000900001", // one digit long
		"",
	} {
		if tg.M.TestPhones.Contains(phone) {
			continue // another range: this one is a test phone there
		}
		err := tg.Target.ResetPhone(ctx, phone)
		var out *testutil.OutOfRangeError
		if assert.True(t, errors.As(err, &out), "ResetPhone(%q) outside test_phones.range %s must be refused with an OutOfRangeError, got %v", phone, tg.M.TestPhones.Range, err) {
			assert.Contains(t, err.Error(), tg.M.TestPhones.Range, "the refusal must name the test range")
		}
	}
}
