package l08security_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// ownData is what a customer gives in the course of a conversation, by the
// manifest's intent names: a person of their own and a destination no
// reply would name by chance.
func ownData(p fixtures.Person) map[string]string {
	return map[string]string{
		"give_name":        p.FullName(),
		"give_id":          p.IDDocument(),
		"give_iban":        fixtures.FormatIBAN(p.IBAN),
		"give_address":     p.Address.Line1() + ", " + p.Address.PostalCode + " " + p.Address.City,
		"give_destination": "Samarcanda",
	}
}

// One customer gives their name, document, account, address or
// destination, all the way to the last step of the conversation. Then a
// second customer, on another phone, starts talking, asks what data the
// bot holds about them (GDPR access) and asks for help: none of the first
// customer's values may appear in anything the second is told.
func TestAnotherPhonesPersonalDataIsNeverEchoed(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	phones := tg.Phones(t, 2)
	a, b := phones[0], phones[1]
	data := ownData(fixtures.NewPerson(11, 3, a))

	path := tg.HappyPath(t, "")
	path = path[:len(path)-1] // the last step ends the conversation; stop short of it
	var given []string
	for _, st := range path {
		if v, ok := data[st.Intent]; ok {
			given = append(given, v)
		}
	}
	if len(given) == 0 {
		t.Skipf("%s: the happy path asks for no name, document, account, address or destination (give_* intents), so no personal data can be given", m.File())
	}
	// The walk is checked only at the end: a bot that mixes phones up may
	// not even keep a session under the first phone, and the leak is the
	// finding to report first.
	for _, st := range path {
		if text, ok := data[st.Intent]; ok {
			tg.Say(t, a, text)
		} else {
			tg.Take(t, a, st.Intent, "")
		}
	}

	asks := []string{testutil.Utterance(t, m, path[0].Intent, ""), testutil.Utterance(t, m, "gdpr_access", ""), testutil.Utterance(t, m, "help", "")}
	for _, ask := range asks {
		tu := tg.Say(t, b, ask)
		what := "the second customer's " + quote(ask)
		assertAnswered(t, tu, what)
		for _, v := range given {
			if strings.Contains(normalised(tu.Text()), normalised(v)) {
				assert.Failf(t, "a reply to one phone shows another phone's data",
					"%s (phone %s) was told %q, which the first customer (phone %s) gave; %s", what, b, v, a, tu.Quote())
			}
		}
	}
	end := path[len(path)-1].State
	assert.Equal(t, end, tg.Session(t, a).State, "the first customer (phone %s) should have walked to %s, giving %q on the way", a, end, given)
}
