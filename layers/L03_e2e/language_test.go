package l03e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/testutil"
)

func TestEachCustomersLanguageIsStoredWithTheirSession(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	if len(m.Persona.Languages) < 2 {
		t.Skipf("%s: persona.languages has one language, so there is no choice to store", m.File())
	}
	path := testutil.TypedPath(t, m, "")
	if len(path) > 2 {
		path = path[:2]
	}
	for _, lang := range m.Persona.Languages {
		t.Run("a customer writing in "+lang, func(t *testing.T) {
			t.Parallel()
			phone := tg.Phone(t)
			for i, st := range path {
				text := m.Utterance(st.Intent, lang)
				if text == "" {
					t.Skipf("%s: intents.utterances.%s.%s is empty", m.File(), st.Intent, lang)
				}
				tu := tg.Say(t, phone, text)
				s := tg.Session(t, phone)
				assert.Equal(t, lang, s.Language, "turn %d: %s: the session's language must be the customer's", i+1, tu.Quote())
				assert.Equal(t, st.State, s.State, "turn %d: %s: the language must not change where the graph leads", i+1, tu.Quote())
			}
		})
	}
}
