package l01unit_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// waID is an E.164 number as WhatsApp writes it (wa_id, "from"): no "+",
// a country code that does not start with 0, 8 to 15 digits in all.
var waID = regexp.MustCompile(`^[1-9][0-9]{7,14}$`)

// inTestRange is the range rule of the manifest (docs/manifest.md), written
// again here: same length, the same digit wherever the range has one, a
// digit at each X.
func inTestRange(rangePattern, phone string) bool {
	if len(phone) != len(rangePattern) {
		return false
	}
	for i := range rangePattern {
		c := phone[i]
		if c < '0' || c > '9' || (rangePattern[i] != 'X' && rangePattern[i] != c) {
			return false
		}
	}
	return true
}

// nearMisses are phones just outside the range: each differs from a phone
// in it in one way a typo or an off-by-one would.
func nearMisses(r string) map[string]string {
	prefix := strings.TrimRight(r, "X")
	free := len(r) - len(prefix)
	last := prefix[len(prefix)-1]
	other := string('0' + (last-'0'+1)%10)
	zeros := strings.Repeat("0", free)
	return map[string]string{
		"the range's last fixed digit changed": prefix[:len(prefix)-1] + other + zeros,
		"one digit more":                       prefix + zeros + "0",
		"one digit less":                       prefix + zeros[1:],
		"the country code dropped":             prefix[2:] + zeros,
		"a letter among the digits":            prefix + "A" + zeros[1:],
		"spaces as people write them":          prefix[:2] + " " + prefix[2:] + zeros,
		"empty":                                "",
	}
}

func TestFixturePhonesAreE164AndInsideTheTestRange(t *testing.T) {
	t.Parallel()
	m := testutil.Manifest(t)
	r := m.TestPhones.Range
	require.Regexp(t, `^[0-9]+XX+$`, r, "%s: test_phones.range must be digits then at least two X", m.File())
	require.Regexp(t, waID, strings.ReplaceAll(r, "X", "0"), "%s: test_phones.range %q does not make E.164 numbers", m.File(), r)

	size := m.TestPhones.Size()
	want := 1
	for range len(r) - len(strings.TrimRight(r, "X")) {
		want *= 10
	}
	require.Equal(t, want, size, "the range %s holds 10^(number of X) phones", r)

	seen := map[string]bool{}
	for i := range size {
		fromFixtures, err := fixtures.PhoneInRange(r, i)
		require.NoError(t, err, "fixtures.PhoneInRange(%q, %d)", r, i)
		fromManifest, err := m.TestPhones.Phone(i)
		require.NoError(t, err, "TestPhones.Phone(%d)", i)
		assert.Equal(t, fromManifest, fromFixtures, "phone %d of %s: the manifest and the fixtures disagree", i, r)
		assert.Regexp(t, waID, fromFixtures, "phone %d of %s is not an E.164 wa_id", i, r)
		assert.True(t, inTestRange(r, fromFixtures), "phone %d (%s) is outside %s", i, fromFixtures, r)
		assert.True(t, m.TestPhones.Contains(fromFixtures), "the manifest's guard refuses its own phone %s", fromFixtures)
		assert.False(t, seen[fromFixtures], "phone %s is handed out twice", fromFixtures)
		seen[fromFixtures] = true
	}
	_, err := m.TestPhones.Phone(size)
	assert.Error(t, err, "the manifest hands out a phone past the end of %s", r)
	_, err = fixtures.PhoneInRange(r, size)
	assert.Error(t, err, "fixtures hand out a phone past the end of %s", r)

	people := fixtures.People(7, 40, func(i int) string { p, _ := fixtures.PhoneInRange(r, i%size); return p })
	for _, p := range people {
		assert.True(t, waID.MatchString(p.Phone) && inTestRange(r, p.Phone), "fixture person %s has phone %q, outside %s", p.FullName(), p.Phone, r)
		assert.Equal(t, p.Phone, fixtures.PersonForPhone(p.Phone).Phone, "PersonForPhone changes the phone it is given")
	}

	for why, phone := range nearMisses(r) {
		assert.False(t, inTestRange(r, phone), "near miss %q (%s) is in the range by the manifest's own rule: fix nearMisses", phone, why)
		assert.False(t, m.TestPhones.Contains(phone), "the manifest's guard lets %q (%s) through, outside %s", phone, why, r)
		assert.False(t, fixtures.InRange(r, phone), "fixtures.InRange lets %q (%s) through, outside %s", phone, why, r)
	}
	first, _ := m.TestPhones.Phone(0)
	assert.True(t, m.TestPhones.Contains("+"+first), "a leading + is how people write E.164; %q is the range's first phone", "+"+first)
}

// firstNearMiss is one phone outside the range, for tests that need one.
func firstNearMiss(m *bots.Manifest) string {
	return nearMisses(m.TestPhones.Range)["the range's last fixed digit changed"]
}
