package l01unit_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

func TestTheChecksumOraclesKnowGoodFromBadNumbers(t *testing.T) {
	t.Parallel()
	// Published examples, so the oracles the people test leans on are
	// themselves checked against the world, not against the fixtures.
	for _, c := range []struct {
		what  string
		check func(string) bool
		good  []string
		bad   []string
	}{
		{"DNI", dniValid, []string{"12345678Z", "00000000T", "99999999R"}, []string{"12345678A", "1234567Z", "X1234567L", "12345678z"}},
		{"NIE", nieValid, []string{"X1234567L", "Y1234567X", "Z1234567R"}, []string{"X1234567A", "12345678Z", "W1234567L"}},
		{"IBAN", ibanValid, []string{"ES9121000418450200051332", "ES91 2100 0418 4502 0005 1332", "GB82WEST12345698765432", "DE89370400440532013000"},
			[]string{"ES9121000418450200051333", "ES9221000418450200051332", "ES7921000418460200051332", "GB82WEST1234569876543"}},
		{"card (Luhn)", luhnValid, []string{"4242424242424242", "378282246310005", "5555555555554444"}, []string{"4242424242424241", "4242424242424243", "1234567812345678", "4242-4242-4242-4242"}},
	} {
		t.Run(c.what, func(t *testing.T) {
			for _, s := range c.good {
				assert.True(t, c.check(s), "%s %q is a published valid example, the oracle refuses it", c.what, s)
			}
			for _, s := range c.bad {
				assert.False(t, c.check(s), "%s %q is invalid, the oracle accepts it", c.what, s)
			}
		})
	}
}

var (
	emailShape = regexp.MustCompile(`^[a-z0-9._-]+@example\.(?:com|net|org)$`)
	postalCode = regexp.MustCompile(`^(?:0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$`)
	dniToken   = regexp.MustCompile(`\b[0-9]{8}[A-Z]\b|\b[XYZ][0-9]{7}[A-Z]\b`)
	ibanToken  = regexp.MustCompile(`\bES[0-9]{2}(?: ?[0-9]{4}){5}\b`)
)

func TestFixturePeopleHaveValidDocumentsAccountsAndCards(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	phone := func(i int) string { p, _ := fixtures.PhoneInRange(m.TestPhones.Range, i%m.TestPhones.Size()); return p }
	var dnis, nies int
	for seed := int64(1); seed <= 5; seed++ {
		for _, p := range fixtures.People(seed, 200, phone) {
			who := p.FullName()
			require.NotEmpty(t, p.FirstName, "a fixture person has no first name: %+v", p)
			assert.NotEmpty(t, p.Surname1, "%s has no surname", who)
			assert.True(t, p.Age >= 18 && p.Age <= 100, "%s is %d: a customer signing a contract is an adult", who, p.Age)
			switch {
			case p.DNI != "" && p.NIE == "":
				dnis++
				assert.True(t, dniValid(p.DNI), "%s's DNI %q has the wrong check letter", who, p.DNI)
				assert.Equal(t, "ES", p.Nationality, "%s holds a DNI but is not Spanish", who)
			case p.NIE != "" && p.DNI == "":
				nies++
				assert.True(t, nieValid(p.NIE), "%s's NIE %q has the wrong check letter", who, p.NIE)
				assert.NotEqual(t, "ES", p.Nationality, "%s is Spanish but holds a NIE", who)
			default:
				t.Errorf("%s must hold exactly one of DNI (%q) and NIE (%q)", who, p.DNI, p.NIE)
			}
			assert.True(t, ibanValid(p.IBAN), "%s's IBAN %q fails mod-97 or the Spanish control digits", who, p.IBAN)
			assert.True(t, strings.HasPrefix(p.IBAN, "ES"), "%s's IBAN %q is not Spanish", who, p.IBAN)
			assert.True(t, ibanValid(fixtures.FormatIBAN(p.IBAN)), "%s's IBAN printed as %q no longer validates", who, fixtures.FormatIBAN(p.IBAN))
			assert.True(t, luhnValid(p.Card), "%s's card %q fails Luhn", who, p.Card)
			assert.Contains(t, []int{15, 16}, len(p.Card), "%s's card %q has an odd length", who, p.Card)
			assert.Regexp(t, emailShape, p.Email, "%s's email must be at a reserved example domain", who)
			assert.Regexp(t, postalCode, p.Address.PostalCode, "%s's postal code is not Spanish", who)
			assert.True(t, m.TestPhones.Contains(p.Phone), "%s's phone %q is outside %s", who, p.Phone, m.TestPhones.Range)

			// The fixtures' own validators must agree with the oracles.
			assert.True(t, fixtures.ValidDNI(p.IDDocument()) || fixtures.ValidNIE(p.IDDocument()), "fixtures reject their own document %q", p.IDDocument())
			assert.True(t, fixtures.ValidIBAN(p.IBAN) && fixtures.ValidLuhn(p.Card), "fixtures reject their own IBAN %q or card %q", p.IBAN, p.Card)
			broken := p.IDDocument()[:8] + string(dniLetters[(strings.IndexByte(dniLetters, p.IDDocument()[8])+1)%23])
			assert.False(t, fixtures.ValidDNI(broken) || fixtures.ValidNIE(broken), "fixtures accept %q, %s's document with the wrong letter", broken, who)
		}
	}
	assert.Positive(t, dnis, "no fixture person holds a DNI")
	assert.Positive(t, nies, "no fixture person holds a NIE: foreign residents are part of the bot's public")
	for _, card := range fixtures.StripeTestCards {
		assert.True(t, luhnValid(card), "Stripe test card %q fails Luhn", card)
	}

	t.Run("the documents in the manifest's utterances are valid too", func(t *testing.T) {
		// A live test that sends an example with a bad check letter would
		// see the bot refuse it and blame the bot.
		found := 0
		for intent, byLang := range m.Intents.Utterances {
			for lang, examples := range byLang {
				for _, u := range examples {
					for _, doc := range dniToken.FindAllString(u, -1) {
						found++
						assert.True(t, dniValid(doc) || nieValid(doc), "%s: intents.utterances.%s.%s: %q has the wrong check letter", m.File(), intent, lang, doc)
					}
					for _, iban := range ibanToken.FindAllString(u, -1) {
						found++
						assert.True(t, ibanValid(iban), "%s: intents.utterances.%s.%s: IBAN %q fails its checksums", m.File(), intent, lang, iban)
					}
				}
			}
		}
		t.Logf("%s: %d documents and IBANs among the utterances", m.Name, found)
	})
}
