package refbot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// stripeTolerance is how old a Stripe signature may be (Stripe's default).
const stripeTolerance = 5 * time.Minute

var (
	errStripeNoSignature = errors.New("missing or malformed Stripe-Signature header")
	errStripeBadMAC      = errors.New("no v1 signature matches")
	errStripeTooOld      = errors.New("signature timestamp outside the tolerance")
)

// verifyStripeSignature checks a Stripe-Signature header
// ("t=<unix>,v1=<hex>[,v1=<hex>][,v0=...]") against the raw body: the HMAC
// is SHA-256 of "<t>.<body>" keyed with the whole whsec_ secret, any v1 may
// match (Stripe sends two while a rolled secret is still valid), v0 and
// unknown keys are ignored, and t may be at most tolerance old.
// replayBug is the stripe-replay seeded defect.
func verifyStripeSignature(body []byte, header, secret string, now time.Time, replayBug bool) error {
	var ts string
	var candidates [][]byte
	for _, part := range strings.Split(header, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch key {
		case "t":
			if ts == "" {
				ts = value
			}
		case "v1":
			if sig, err := hex.DecodeString(value); err == nil {
				candidates = append(candidates, sig)
			}
		}
	}
	t, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(candidates) == 0 {
		return errStripeNoSignature
	}
	age := now.Unix() - t
	if replayBug {
		// Seeded defect stripe-replay: the tolerance is compared in the
		// wrong unit (milliseconds against an age in seconds), so the
		// window is 300000 s, not 300 s, and a day-old replay passes.
		if age > stripeTolerance.Milliseconds() {
			return errStripeTooOld
		}
	} else if age > int64(stripeTolerance/time.Second) {
		return errStripeTooOld
	}
	expected := stripeMAC(ts, body, secret)
	for _, sig := range candidates {
		if hmac.Equal(sig, expected) {
			return nil
		}
	}
	return errStripeBadMAC
}

// stripeMAC is HMAC-SHA256("<t>.<body>") with the signing secret as key.
func stripeMAC(ts string, body []byte, secret string) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return mac.Sum(nil)
}
