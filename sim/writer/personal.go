package writer

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
)

// The customer data the scripted personas type is fake but well formed, so
// a bot's validators accept it: a DNI with its check letter, a Spanish IBAN
// with its check digits.

const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// fakeDNI is eight digits and the letter the number's remainder mod 23 selects.
func fakeDNI(rng *rand.Rand) string {
	n := 10_000_000 + rng.IntN(89_999_999)
	return fmt.Sprintf("%08d%c", n, dniLetters[n%23])
}

// fakeIBAN is a Spanish IBAN (ES, two check digits, twenty digits), written
// in groups of four as people copy it from a bank card.
func fakeIBAN(rng *rand.Rand) string {
	var bban strings.Builder
	for range 20 {
		bban.WriteByte(byte('0' + rng.IntN(10)))
	}
	// ISO 13616: move "ES00" to the end, letters to numbers (E=14, S=28), 98 - mod 97.
	num, _ := new(big.Int).SetString(bban.String()+"142800", 10)
	check := 98 - new(big.Int).Mod(num, big.NewInt(97)).Int64()
	iban := fmt.Sprintf("ES%02d%s", check, bban.String())
	var grouped []string
	for i := 0; i < len(iban); i += 4 {
		grouped = append(grouped, iban[i:min(i+4, len(iban))])
	}
	return strings.Join(grouped, " ")
}
