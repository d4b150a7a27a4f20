package bots

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// phoneRange is what a test range must look like: digits, then at least two
// X, 11 to 15 characters in all (E.164 without the "+"). Validate enforces
// it; the helpers below assume it and answer "no" for anything else.
var phoneRange = regexp.MustCompile(`^\d+X{2,}$`)

// MaxUnownedPhones is the widest test range a manifest may give without
// test_phones.owned_reason: two X. Every number of the range may receive a
// message, so a wider block ("34XXXXXXXXX" is every Spanish mobile) holds
// real customers unless the team owns it.
const MaxUnownedPhones = 100

func (p Phones) valid() bool {
	return phoneRange.MatchString(p.Range) && len(p.Range) >= 11 && len(p.Range) <= 15
}

// prefix is the fixed digits of the range and wild the count of X.
func (p Phones) split() (prefix string, wild int) {
	prefix = strings.TrimRight(p.Range, "X")
	return prefix, len(p.Range) - len(prefix)
}

// Contains reports whether phone (a wa_id, digits only, a leading "+"
// tolerated) is in the test range. It is the guard before every send.
func (p Phones) Contains(phone string) bool {
	if !p.valid() {
		return false
	}
	phone = strings.TrimPrefix(phone, "+")
	if len(phone) != len(p.Range) {
		return false
	}
	prefix, _ := p.split()
	if !strings.HasPrefix(phone, prefix) {
		return false
	}
	for _, c := range phone[len(prefix):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Size is how many phones the range holds (10^number of X), 0 for an
// invalid range.
func (p Phones) Size() int {
	if !p.valid() {
		return 0
	}
	_, wild := p.split()
	n := 1
	for range wild {
		n *= 10
	}
	return n
}

// Phone is the i-th phone of the range, counting from 0: for 346000900XX,
// Phone(7) is "34600090007".
func (p Phones) Phone(i int) (string, error) {
	if !p.valid() {
		return "", fmt.Errorf("test phone range %q is not digits followed by XX..., 11-15 long; fix test_phones.range in the manifest", p.Range)
	}
	if i < 0 || i >= p.Size() {
		return "", fmt.Errorf("phone index %d is outside the test range %s, which holds %d phones (0..%d)", i, p.Range, p.Size(), p.Size()-1)
	}
	prefix, wild := p.split()
	s := strconv.Itoa(i)
	return prefix + strings.Repeat("0", wild-len(s)) + s, nil
}
