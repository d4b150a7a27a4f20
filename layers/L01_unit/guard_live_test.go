package l01unit_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/fixtures"
	"github.com/caas-testing/caas-testing/testutil"
)

// recordingTB stands in for a test that must fail: it records failures
// and, on Fatal, ends the goroutine it runs in as testing does, without
// failing the real test it wraps.
type recordingTB struct {
	testing.TB
	mu       sync.Mutex
	failures []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) record(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, msg)
}

func (r *recordingTB) Errorf(format string, args ...any) { r.record(fmt.Sprintf(format, args...)) }
func (r *recordingTB) Error(args ...any)                 { r.record(fmt.Sprint(args...)) }
func (r *recordingTB) Fail()                             { r.record("Fail") }
func (r *recordingTB) FailNow()                          { r.record("FailNow"); runtime.Goexit() }
func (r *recordingTB) Fatalf(format string, args ...any) {
	r.record(fmt.Sprintf(format, args...))
	runtime.Goexit()
}
func (r *recordingTB) Fatal(args ...any) { r.record(fmt.Sprint(args...)); runtime.Goexit() }
func (r *recordingTB) Skipf(format string, args ...any) {
	r.record("skipped: " + fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// failures runs fn as a test of its own and returns how it failed.
func failures(t *testing.T, fn func(tb testing.TB)) []string {
	rec := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(rec)
	}()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.failures...)
}

func TestTheGuardRefusesToMessageAPhoneOutsideTheTestRange(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	r := tg.M.TestPhones.Range
	outside := firstNearMiss(tg.M)
	text := tg.M.Opening()

	t.Run("Guard names the phone and the range", func(t *testing.T) {
		for why, phone := range nearMisses(r) {
			err := tg.Guard(phone)
			var oor *testutil.OutOfRangeError
			if assert.True(t, errors.As(err, &oor), "Guard(%q) (%s, outside %s) = %v, want an OutOfRangeError", phone, why, r, err) {
				assert.Contains(t, err.Error(), r, "the refusal does not say which range")
			}
		}
		inside, _ := tg.M.TestPhones.Phone(0)
		assert.NoError(t, tg.Guard(inside), "Guard refuses the range's own first phone")
	})

	t.Run("a signed message from a phone outside the range is never sent", func(t *testing.T) {
		body := fixtures.Delivery(fixtures.Text(outside, text)).JSON()
		for name, send := range map[string]func(tb testing.TB){
			"PostWhatsApp": func(tb testing.TB) { tg.PostWhatsApp(tb, body, tg.SignWhatsApp(body)) },
			"Deliver":      func(tb testing.TB) { tg.Deliver(tb, body) },
			"Say":          func(tb testing.TB) { tg.Say(tb, outside, text) },
		} {
			got := failures(t, send)
			require.NotEmpty(t, got, "%s sent a signed message from %s, outside the test range %s, without failing the test", name, outside, r)
			assert.Contains(t, strings.Join(got, "\n"), outside, "%s failed without naming the phone it refused: %q", name, got)
		}
		testutil.AssertNothingStored(t, tg, outside, "the guard refused "+outside)
	})

	t.Run("a delivery that hides an outside phone among test phones is never sent", func(t *testing.T) {
		inside := tg.Phone(t)
		body := fixtures.Delivery(fixtures.Text(inside, text), fixtures.Text(outside, text)).JSON()
		got := failures(t, func(tb testing.TB) { tg.PostWhatsApp(tb, body, tg.SignWhatsApp(body)) })
		require.NotEmpty(t, got, "a delivery from %s and %s (outside %s) was sent", inside, outside, r)
		testutil.AssertNothingStored(t, tg, inside, "the delivery was refused whole")
		testutil.AssertNothingStored(t, tg, outside, "the guard refused "+outside)
	})

	t.Run("a status for a phone outside the range is never sent", func(t *testing.T) {
		body := fixtures.Statuses(fixtures.StatusRead(outside, "wamid.HBgLMzQ2MDAwOTk5OTkVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA")).JSON()
		got := failures(t, func(tb testing.TB) { tg.PostWhatsApp(tb, body, tg.SignWhatsApp(body)) })
		assert.NotEmpty(t, got, "a status callback for %s (outside %s) was sent", outside, r)
	})
}
