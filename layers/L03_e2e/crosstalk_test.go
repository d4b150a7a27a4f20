package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// customer is one phone of a test with its own person and its own walk.
type customer struct {
	label  string
	phone  string
	person fixtures.Person
	steps  []bots.Step
}

// twoPeople returns people for two phones whose names differ, so that one's
// name in the other's data can only be a leak.
func twoPeople(t testing.TB, a, b string) (fixtures.Person, fixtures.Person) {
	t.Helper()
	pa := fixtures.PersonForPhone(a)
	for i := 0; i < 50; i++ {
		pb := fixtures.NewPerson(int64(i), i, b)
		if pb.FullName() != pa.FullName() && pb.FirstName != pa.FirstName && pb.Surname1 != pa.Surname1 {
			return pa, pb
		}
	}
	t.Fatalf("fixtures gave no two people with different names for %s and %s", a, b)
	return pa, pa
}

func TestTwoPhonesTalkingAtOnceNeverSeeEachOthersData(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	path := testutil.TypedPath(t, m, "")
	toName := through(t, m, path, "give_name")
	phones := tg.Phones(t, 2)
	pa, pb := twoPeople(t, phones[0], phones[1])
	// A goes one step further than B, so their sessions must also differ.
	stepsA := toName
	if len(path) > len(toName) {
		stepsA = path[:len(toName)+1]
	}
	customers := []customer{
		{"customer A", phones[0], pa, stepsA},
		{"customer B", phones[1], pb, toName},
	}

	t.Run("both talk at the same time", func(t *testing.T) {
		for _, c := range customers {
			t.Run(c.label, func(t *testing.T) {
				t.Parallel()
				drive(t, tg, c.phone, c.steps, map[string]string{"give_name": c.person.FullName()})
			})
		}
	})
	if t.Failed() {
		return
	}

	// Asked what it holds, the bot reads the session back: the surest way
	// for one customer to see another's data.
	if ask := m.Utterance("gdpr_access", m.DefaultLanguage()); ask != "" {
		for i, c := range customers {
			other := customers[1-i]
			tu := tg.Say(t, c.phone, ask)
			if leak, ok := containsAny([]string{tu.Text()}, other.person.FullName(), other.person.Surname1); ok {
				assert.Failf(t, "a data access request showed another phone's data",
					"%s (%s) %s: %q was given by %s (%s)", c.label, c.phone, tu.Quote(), leak, other.label, other.phone)
			}
		}
	}

	for i, c := range customers {
		other := customers[1-i]
		s := tg.Session(t, c.phone)
		if assert.True(t, s.Exists, "%s (%s) has no session of its own after %d messages", c.label, c.phone, len(c.steps)) {
			assert.Equal(t, m.StateAfter(c.steps), s.State, "%s's session is not where its own messages lead: another phone's messages moved it", c.label)
		}

		replies := bodies(tg.Replies(t, c.phone))
		if leak, ok := containsAny(replies, other.person.FullName(), other.person.Surname1); ok {
			assert.Failf(t, "a reply leaked another phone's data",
				"%s (%s) was told %q, which %s (%s) gave the bot", c.label, c.phone, leak, other.label, other.phone)
		}
		if m.Observe.SessionDataSQL != "" {
			data := tg.SessionData(t, c.phone)
			assert.Contains(t, data, c.person.FullName(), "%s's session data must hold the name it gave", c.label)
			assert.NotContains(t, data, other.person.Surname1, "%s's session data holds %s's name", c.label, other.label)
		}
		if m.Observe.PersonalDataSQL != "" {
			if leak, ok := containsAny(tg.PersonalData(t, c.phone), other.person.Surname1); ok {
				assert.Failf(t, "stored data leaked another phone's data",
					"%s's stored personal data holds %q, which only %s gave", c.label, leak, other.label)
			}
		}
	}
	if path := tg.PhasePath(t, customers[1].phone); assert.NotEmpty(t, path) {
		assert.Equal(t, m.PhasesAlong(customers[1].steps), collapse(path), "customer B's phase path must be its own walk")
	}
}
