package testutil

import "testing"

// Cursor is the id of the phone's newest reply (0 when none).
func (tg *Target) Cursor(t testing.TB, phone string) int64 {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.Cursor(c, phone)
	check(t, err)
	return v
}

// Replies returns every reply the bot committed for phone, oldest first.
func (tg *Target) Replies(t testing.TB, phone string) []Reply {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.RepliesSince(c, phone, 0)
	check(t, err)
	return v
}

// Inbound returns the customer's messages as the bot stored them.
func (tg *Target) Inbound(t testing.TB, phone string) []Reply {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.Inbound(c, phone)
	check(t, err)
	return v
}

// Session reads the phone's session.
func (tg *Target) Session(t testing.TB, phone string) Session {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.Session(c, phone)
	check(t, err)
	return v
}

// SessionData returns the session's stored customer data as text.
func (tg *Target) SessionData(t testing.TB, phone string) string {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.SessionData(c, phone)
	check(t, err)
	return v
}

// PhasePath returns the phases the session went through, oldest first.
func (tg *Target) PhasePath(t testing.TB, phone string) []string {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.PhasePath(c, phone)
	check(t, err)
	return v
}

// PersonalData returns every stored text that may hold the phone's personal data.
func (tg *Target) PersonalData(t testing.TB, phone string) []string {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.PersonalData(c, phone)
	check(t, err)
	return v
}

// ReceiptID returns the id of the phone's newest receipt ("" when none).
func (tg *Target) ReceiptID(t testing.TB, phone string) string {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.ReceiptID(c, phone)
	check(t, err)
	return v
}

// Payments returns the payments recorded for phone.
func (tg *Target) Payments(t testing.TB, phone string) []Payment {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.Payments(c, phone)
	check(t, err)
	return v
}

// Consents returns the phone's consent answers, oldest first.
func (tg *Target) Consents(t testing.TB, phone string) []Consent {
	t.Helper()
	c, cancel := ctx()
	defer cancel()
	v, err := tg.Target.Consents(c, phone)
	check(t, err)
	return v
}
