package refbot

import (
	"crypto/rand"
	"encoding/hex"
)

// randomHex returns n random bytes as lowercase hex.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// newOutboundWamid names a reply the way Meta names messages, with a
// prefix that says it is ours.
func newOutboundWamid() string { return "wamid.refbot." + randomHex(12) }

// newReceiptID is the reference quoted to the customer: R-<8 hex>.
func newReceiptID() string { return "R-" + randomHex(4) }
