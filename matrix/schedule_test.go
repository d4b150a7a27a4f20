package matrix

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func testExecutor(bots ...string) *executor {
	ex := newExecutor(Options{Bots: bots}, "", nil, newProgress(nil, time.Now()), nil)
	for _, l := range []string{"03", "07", "12"} {
		ex.bins[l] = "L" + l + ".test"
	}
	return ex
}

func (ex *executor) popAll() []job {
	var out []job
	for {
		i := ex.pick()
		if i < 0 {
			return out
		}
		out = append(out, ex.pending[i])
		ex.running[ex.pending[i]] = true // as next does
		ex.pending = append(ex.pending[:i], ex.pending[i+1:]...)
	}
}

func TestCleanRunsGoFirstThenTheLongestDefectRuns(t *testing.T) {
	ex := testExecutor("voya")
	ex.est[[2]string{"voya", "03"}] = 5 * time.Second
	ex.est[[2]string{"voya", "07"}] = 20 * time.Second
	ex.pending = []job{{"voya", "03", "a"}, {"voya", "07", "a"}, {"voya", "12", ""}, {"voya", "12", "a"}}
	assert.Equal(t, []job{
		{"voya", "12", ""},  // clean first
		{"voya", "07", "a"}, // 20s
		{"voya", "12", "a"}, // unknown: the mean, 12.5s
		{"voya", "03", "a"}, // 5s
	}, ex.popAll())
}

func TestALayerStillBuildingHoldsItsJobsBack(t *testing.T) {
	ex := testExecutor("voya")
	delete(ex.bins, "07")
	ex.pending = []job{{"voya", "07", ""}, {"voya", "03", ""}}
	assert.Equal(t, []job{{"voya", "03", ""}}, ex.popAll())
	assert.Equal(t, []job{{"voya", "07", ""}}, ex.pending, "waits for its binary")

	ex.empty["07"] = true
	assert.Empty(t, ex.popAll())
	assert.Empty(t, ex.pending, "a layer with no tests needs no run")
}

func TestOtherBotsWaitForThePrimaryBotsCleanRunToSayWhetherTheLayerTestsEveryBot(t *testing.T) {
	ex := testExecutor("cambia", "voya")
	ex.pending = []job{{"voya", "12", ""}, {"voya", "12", "a"}, {"cambia", "12", ""}}
	assert.Equal(t, []job{{"cambia", "12", ""}}, ex.popAll())
	assert.Empty(t, ex.popAll(), "voya's runs wait while cambia's clean run is under way")

	delete(ex.running, job{"cambia", "12", ""})
	ex.shared["12"] = true
	assert.Empty(t, ex.popAll())
	assert.Empty(t, ex.pending, "a layer that tests every bot runs with the primary bot only")

	ex.pending = []job{{"voya", "07", "a"}}
	assert.Equal(t, []job{{"voya", "07", "a"}}, ex.popAll(), "no clean run of cambia's to come: per bot")
}
