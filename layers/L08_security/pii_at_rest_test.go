package l08security_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// piiKind names the kind of a normalised datum, and whether the manifest
// wants that kind masked at rest (safety.pii_at_rest).
func piiKind(rules bots.PIIAtRest, datum string) (kind string, masked bool) {
	switch {
	case fixtures.ValidIBAN(datum):
		return "IBAN", rules.IBAN
	case fixtures.ValidDNI(datum), fixtures.ValidNIE(datum):
		return "DNI/NIE", rules.DNI
	case fixtures.ValidLuhn(datum):
		return "card number", rules.Card
	}
	return "unknown datum", false
}

// assertMaskedAtRest checks that none of the phone's stored texts
// (observe.personal_data_sql: session data, messages both ways, receipts)
// holds datum in the clear, however it was spaced or dotted.
func assertMaskedAtRest(t testing.TB, tg *testutil.Target, phone, kind, datum, sent string) {
	t.Helper()
	for _, stored := range tg.PersonalData(t, phone) {
		if strings.Contains(normalised(stored), datum) {
			assert.Failf(t, "personal data is stored in the clear",
				"the %s %s sent by %s in %q is stored unmasked (observe.personal_data_sql returned %q); safety.pii_at_rest says it must be masked", kind, datum, phone, sent, stored)
		}
	}
}

// Every DNI, NIE, IBAN and card number of the PII corpus (fixed entries
// and ones generated from fixture people, in the formats people type) is
// sent by a customer in free text; the bot may keep the message, but not
// the number in the clear, anywhere it stores the phone's data. A second
// customer gives their DNI and IBAN where the conversation asks for them.
func TestDocumentAccountAndCardNumbersAreMaskedAtRest(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	rules := m.Safety.PIIAtRest
	if !rules.DNI && !rules.IBAN && !rules.Card {
		t.Skipf("%s: safety.pii_at_rest asks for no masking (dni, iban and card are all false)", m.File())
	}
	if m.Observe.PersonalDataSQL == "" {
		t.Skipf("%s: observe.personal_data_sql is not set, so what the bot stores cannot be read", m.File())
	}
	group(t, "sent in free text", func(t *testing.T) {
		for _, a := range fixtures.MustCorpus(fixtures.CorpusPII) {
			t.Run(a.Name, func(t *testing.T) {
				t.Parallel()
				kind, masked := piiKind(rules, a.PII)
				if !masked {
					t.Skipf("%s: safety.pii_at_rest does not ask for a %s (%s) to be masked", m.File(), kind, a.PII)
				}
				phone := tg.Phone(t)
				tu := tg.Say(t, phone, a.Payload)
				assertAnswered(t, tu, "a message with a "+kind)
				assertMaskedAtRest(t, tg, phone, kind, a.PII, a.Payload)
			})
		}
	})
	t.Run("given where the conversation asks for it", func(t *testing.T) {
		phone := tg.Phone(t)
		p := fixtures.NewPerson(8, 1, phone)
		say := map[string]string{
			"give_name": p.FullName(),
			"give_id":   p.IDDocument(),
			"give_iban": fixtures.FormatIBAN(p.IBAN),
		}
		path := tg.HappyPath(t, "")
		asked := false
		for _, st := range path {
			if _, ok := say[st.Intent]; ok && st.Intent != "give_name" {
				asked = true
			}
		}
		if !asked {
			t.Skipf("%s: the happy path has no give_id or give_iban step, so the conversation never asks for a document or an account", m.File())
		}
		walk(t, tg, phone, path, say)
		for _, datum := range []string{p.IDDocument(), p.IBAN} {
			kind, masked := piiKind(rules, datum)
			if masked {
				assertMaskedAtRest(t, tg, phone, kind, datum, "the walk of the happy path")
			}
		}
	})
}
