package testutil

import (
	"testing"

	"github.com/caas-testing/caas-testing/bots"
)

// The manifest's words for the tests that type them: a test cannot say what
// the manifest gives no example of, so it skips and names the field to fill.

// Utterance is the manifest's first example of intent in lang ("" = the
// default language). It skips the test, naming intents.utterances.<intent>.<lang>,
// when there is none.
func Utterance(t testing.TB, m *bots.Manifest, intent, lang string) string {
	t.Helper()
	u, err := m.UtteranceOf(intent, lang)
	if err != nil {
		t.Skip(err.Error())
	}
	return u
}

// Examples are every example of intent in lang ("" = the default
// language). It skips the test, naming the field, when there is none.
func Examples(t testing.TB, m *bots.Manifest, intent, lang string) []string {
	t.Helper()
	if lang == "" {
		lang = m.DefaultLanguage()
	}
	us := m.Utterances(intent, lang)
	if len(us) == 0 {
		t.Skipf("%s: intents.utterances.%s.%s is empty, so the bot cannot be asked this", m.File(), intent, lang)
	}
	return us
}
