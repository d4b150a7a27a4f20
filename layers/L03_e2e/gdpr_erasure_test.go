package l03e2e_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/caas-testing/caas-testing/testutil"
)

// acknowledgesErasure matches a reply that says the data was erased, in
// the languages the bots speak.
var acknowledgesErasure = regexp.MustCompile(`(?i)borrad|eliminad|suprimid|delet|eras`)

func TestAGDPRErasureRequestRemovesThePhonesPersonalDataAndSaysSo(t *testing.T) {
	t.Parallel()
	tg := testutil.Open(t)
	m := tg.M
	if len(m.Graph.PersonalDataPhases) == 0 {
		t.Skipf("%s: graph.personal_data_phases is empty: the bot collects no personal data to erase", m.File())
	}
	ask := testutil.Utterance(t, m, "gdpr_erasure", "")
	path := testutil.TypedPath(t, m, "")
	// Walk until the last step answered in a personal-data phase: what was
	// said there is the customer's personal data.
	last := -1
	for i := range path {
		if slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(m.StateBefore(path, i))) {
			last = i
		}
	}
	if last < 0 {
		t.Skipf("%s: the happy path never passes through graph.personal_data_phases %v", m.File(), m.Graph.PersonalDataPhases)
	}
	walk := path[:last+1]
	phone := tg.Phone(t)
	drive(t, tg, phone, walk, nil)

	// Only what the bot really stored can be checked for erasure (a DNI
	// stored masked, say, is already not there).
	before := tg.PersonalData(t, phone)
	var held []string
	for i, st := range walk {
		if !slices.Contains(m.Graph.PersonalDataPhases, m.PhaseOf(m.StateBefore(walk, i))) {
			continue
		}
		if v := testutil.Utterance(t, m, st.Intent, ""); !slices.Contains(held, v) {
			if _, ok := containsAny(before, v); ok {
				held = append(held, v)
			}
		}
	}
	require.NotEmpty(t, held, "precondition: after the walk %v the bot's personal data (observe.personal_data_sql) holds none of what was said in %v", walk, m.Graph.PersonalDataPhases)

	t.Logf("stored before the request, to be erased: %q", held)
	tu := tg.Say(t, phone, ask)

	assert.Regexp(t, acknowledgesErasure, tu.Text(), "%s: the reply must say the data was erased", tu.Quote())
	after := tg.PersonalData(t, phone)
	for _, v := range held {
		if _, ok := containsAny(after, v); ok {
			assert.Failf(t, "personal data survived an erasure request", "after %q, %q is still stored for %s", ask, v, phone)
		}
	}
	if next := m.Intents.Global["gdpr_erasure"]; next != "" {
		assert.Equal(t, next, tg.Session(t, phone).State, "%s: intents.global says gdpr_erasure leads to %q", tu.Quote(), next)
	}
}
