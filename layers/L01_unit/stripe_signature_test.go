package l01unit_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/caas-testing/caas-testing/fixtures"
)

// stripeTolerance is Stripe's default: a signature may be five minutes old.
const stripeTolerance = 300 * time.Second

var (
	errStripeNoSignature = errors.New("no t= or no v1=")
	errStripeTooOld      = errors.New("signed more than the tolerance ago")
	errStripeNoMatch     = errors.New("no v1 signature matches")
)

// stripeVerify is Stripe's receiving side as docs/webhooks.md §4.1 writes it, with
// the clock passed in so the tolerance edges can be tested to the second:
// the HMAC is over "<t>.<body>" keyed with the whole whsec_ secret, any v1
// may match (two while a secret is rolled), v0 is ignored, and a signature
// older than the tolerance is refused. It is the oracle for fixtures'
// SignStripe, and stripe-go's own verifier is held to it.
func stripeVerify(body []byte, header, secret string, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return errStripeNoSignature
	}
	if now.Sub(time.Unix(unix, 0)) > tolerance {
		return errStripeTooOld
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return errStripeNoMatch
}

func TestStripeSignatureReproducesEveryKnownVector(t *testing.T) {
	t.Parallel()
	for _, v := range knownVectors(t).Stripe {
		t.Run(v.Name, func(t *testing.T) {
			at := time.Unix(v.Timestamp, 0)
			got := fixtures.SignStripe([]byte(v.Body), v.Secret, at)
			assert.Equal(t, v.Header, got, "fixtures.SignStripe at t=%d with secret %q disagrees with openssl", v.Timestamp, v.Secret)
			assert.NoError(t, stripeVerify([]byte(v.Body), v.Header, v.Secret, at, stripeTolerance), "the docs/webhooks.md §4.1 verifier rejects openssl's signature")
			assert.NoError(t, webhook.ValidatePayloadIgnoringTolerance([]byte(v.Body), v.Header, v.Secret), "stripe-go rejects openssl's signature")
			assert.Error(t, webhook.ValidatePayloadIgnoringTolerance([]byte(v.Body+" "), v.Header, v.Secret), "stripe-go accepts a body modified after signing")
			assert.Error(t, webhook.ValidatePayloadIgnoringTolerance([]byte(v.Body), v.Header, v.Secret+"x"), "stripe-go accepts a wrong secret")
		})
	}
	fx, err := fixtures.KnownSignatures()
	require.NoError(t, err)
	for _, v := range fx.StripeRolled {
		t.Run("fixtures/"+v.Name, func(t *testing.T) {
			at := time.Unix(v.Timestamp, 0)
			assert.Equal(t, v.Header, fixtures.SignStripeRolled([]byte(v.Body), at, v.Secrets...), "fixtures.SignStripeRolled disagrees with openssl")
			for _, secret := range v.Secrets {
				assert.NoError(t, stripeVerify([]byte(v.Body), v.Header, secret, at, stripeTolerance), "while a secret is rolled, either v1 must verify (secret %q does not)", secret)
				assert.NoError(t, webhook.ValidatePayloadIgnoringTolerance([]byte(v.Body), v.Header, secret), "stripe-go: secret %q of a rolled header does not verify", secret)
			}
			assert.Error(t, stripeVerify([]byte(v.Body), v.Header, "whsec_legacy_v0_never_valid", at, stripeTolerance), "the v0 signature was taken for a v1")
		})
	}
}

func TestStripeToleranceAcceptsFiveMinutesAndNotASecondMore(t *testing.T) {
	t.Parallel()
	body := fixtures.CustomerCreated("Lucía Peña", "lucia.pena@example.com").JSON()
	const secret = "whsec_l01_tolerance"
	signedAt := time.Unix(1767225600, 0)
	// On the oracle, with a fixed clock: the edges to the second.
	for _, c := range []struct {
		age  time.Duration
		want error
	}{
		{-time.Minute, nil}, // a clock a little behind Stripe's is no replay
		{0, nil},
		{299 * time.Second, nil},
		{300 * time.Second, nil}, // "older than the tolerance" is refused, five minutes is not older
		{300*time.Second + 999*time.Millisecond, errStripeTooOld},
		{301 * time.Second, errStripeTooOld},
		{time.Hour, errStripeTooOld},
		{24 * time.Hour, errStripeTooOld},
	} {
		t.Run(fmt.Sprintf("signed %s before it is checked", c.age), func(t *testing.T) {
			header := fixtures.SignStripe(body, secret, signedAt)
			err := stripeVerify(body, header, secret, signedAt.Add(c.age), stripeTolerance)
			if c.want == nil {
				assert.NoError(t, err, "a signature %s old is within Stripe's %s tolerance", c.age, stripeTolerance)
			} else {
				assert.ErrorIs(t, err, c.want, "a signature %s old is past Stripe's %s tolerance", c.age, stripeTolerance)
			}
		})
	}
	// On stripe-go, which reads the wall clock: well clear of the edge, so
	// the test's own run time cannot move a case across it.
	now := time.Now()
	for _, c := range []struct {
		age   time.Duration
		valid bool
	}{
		{10 * time.Second, true},
		{290 * time.Second, true},
		{310 * time.Second, false},
		{time.Hour, false},
	} {
		t.Run(fmt.Sprintf("stripe-go agrees for a signature %s old", c.age), func(t *testing.T) {
			header := fixtures.SignStripe(body, secret, now.Add(-c.age))
			err := webhook.ValidatePayloadWithTolerance(body, header, secret, stripeTolerance)
			if c.valid {
				assert.NoError(t, err, "stripe-go refuses a signature %s old (header %q)", c.age, header)
			} else {
				assert.ErrorIs(t, err, webhook.ErrTooOld, "stripe-go accepts a signature %s old (header %q)", c.age, header)
			}
		})
	}
}
