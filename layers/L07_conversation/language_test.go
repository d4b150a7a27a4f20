package l07conversation_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/bots"
	"github.com/caas-testing/caas-testing/testutil"
)

// telling is the manifest's example of intent in lang with the most words:
// a one-word "yes" or a bare name says little about its language, so a bot
// may rightly keep the language it had; a sentence says it plainly.
func telling(m *bots.Manifest, intent, lang string) string {
	best := ""
	for _, u := range m.Intents.Utterances[intent][lang] {
		if len(strings.Fields(u)) > len(strings.Fields(best)) {
			best = u
		}
	}
	return best
}

func TestSwitchingLanguageMidConversationKeepsTheState(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	langs := tg.M.Languages()
	if len(langs) < 2 {
		t.Skipf("%s: persona.languages has one language, so there is nothing to switch to", m.File())
	}
	first := langs[0]
	path := tg.HappyPath(t, first)

	for _, other := range langs[1:] {
		t.Run("from_"+first+"_to_"+other+"_and_back", func(t *testing.T) {
			t.Parallel()
			// The switch goes at the first step whose answer in the other
			// language, and the next step's in the first one, are
			// sentences, so each plainly says its language.
			at := -1
			for i := 1; i+1 < len(path); i++ {
				if tg.IsEvent(path[i].Intent) || tg.IsEvent(path[i+1].Intent) {
					continue
				}
				if len(strings.Fields(telling(m, path[i].Intent, other))) >= 2 && len(strings.Fields(telling(m, path[i+1].Intent, first))) >= 2 {
					at = i
					break
				}
			}
			if at < 0 {
				t.Skipf("%s: along the happy path %s no two steps in a row have sentence examples in %s and then %s", m.File(), bots.Route(m.Graph.Initial, path), other, first)
			}
			phone := tg.Phone(t)
			tg.DriveTo(t, phone, m.StateBefore(path, at), first)

			for _, step := range []struct {
				st   bots.Step
				lang string
			}{{path[at], other}, {path[at+1], first}} {
				from := tg.Session(t, phone)
				tu := tg.Say(t, phone, telling(m, step.st.Intent, step.lang))
				s := tg.Session(t, phone)
				require.Equal(t, step.st.State, s.State, "in state %s the customer switched to %s for %s: %s; the manifest says %s --%s--> %s", from.State, step.lang, step.st.Intent, tu.Quote(), from.State, step.st.Intent, step.st.State)
				assert.Equal(t, m.PhaseOf(step.st.State), s.Phase, "state %s belongs to phase %q", s.State, m.PhaseOf(s.State))
				assert.Equal(t, step.lang, s.Language, "the customer now writes %s (%s): the session's language must follow", step.lang, tu.Quote())
			}
		})
	}
}
