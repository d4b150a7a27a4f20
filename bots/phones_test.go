package bots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
)

func TestThePhoneRangeGuardsEverySend(t *testing.T) {
	p := bots.Phones{Range: "346000900XX"}
	for _, tc := range []struct {
		phone string
		in    bool
	}{
		{"34600090000", true},
		{"34600090099", true},
		{"+34600090042", true},
		{"34600090100", false},  // the next block: a real customer's, maybe
		{"3460009000", false},   // one digit short
		{"346000900000", false}, // one digit long
		{"3460009004a", false},
		{"34600090O1", false},
		{"", false},
		{"34 600 090 042", false},
	} {
		assert.Equal(t, tc.in, p.Contains(tc.phone), "Contains(%q)", tc.phone)
	}
	assert.False(t, bots.Phones{Range: "34600090XXX0"}.Contains("346000900000"), "an invalid range contains nothing")
	assert.False(t, bots.Phones{}.Contains("34600090000"))
}

func TestThePhoneRangeCountsAndNumbersItsPhones(t *testing.T) {
	p := bots.Phones{Range: "346000900XX"}
	require.Equal(t, 100, p.Size())
	for _, tc := range []struct {
		i    int
		want string
	}{{0, "34600090000"}, {7, "34600090007"}, {42, "34600090042"}, {99, "34600090099"}} {
		got, err := p.Phone(tc.i)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "Phone(%d)", tc.i)
		assert.True(t, p.Contains(got), "Phone(%d) is in the range", tc.i)
	}
	for _, i := range []int{-1, 100} {
		_, err := p.Phone(i)
		assert.ErrorContains(t, err, "outside the test range 346000900XX, which holds 100 phones (0..99)", "Phone(%d)", i)
	}
	assert.Equal(t, 1000, bots.Phones{Range: "34600090XXX"}.Size())
	assert.Equal(t, 0, bots.Phones{Range: "3460009000X"}.Size(), "one X is not a valid range")
	_, err := bots.Phones{Range: "12XX"}.Phone(0)
	assert.ErrorContains(t, err, "fix test_phones.range")
}
