package matrix

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/caas-testing/caas-testing/botclient"
)

func TestARunEndsInTheOutcomeItsExitStatusAndTranscriptTell(t *testing.T) {
	cases := []struct {
		file       string
		exit       int
		killed     bool
		want       Outcome
		wantDetail string
	}{
		{"L04_clean.jsonl", 0, false, Green, ""},
		{"L04_skip-signature.jsonl", 1, false, Red, ""},
		{"L11_slow-health.jsonl", 1, false, Red, ""},
		{"L04_stripe-replay.jsonl", 2, false, Crashed, "panic: nil session for an old event [recovered, repanicked]; running: TestUnsignedDeliveriesAreRejected, TestARedeliveryGetsNoSecondReply, TestStripeReplaysAreRefused"},
		{"L04_stripe-duplicate.jsonl", 2, false, TimedOut, "panic: test timed out after 2s; running: TestUnsignedDeliveriesAreRejected, TestARedeliveryGetsNoSecondReply, TestStripeEventsAreRecordedOnce"},
		{"L04_stripe-duplicate.jsonl", -1, true, TimedOut, "killed after 1m30s, past its own -test.timeout; running: TestUnsignedDeliveriesAreRejected, TestARedeliveryGetsNoSecondReply, TestStripeEventsAreRecordedOnce"},
		{"L04_sql-concat.jsonl", 1, false, NoConnections, "L04_sql-concat"},
		{"L03_testmain_exit.jsonl", 1, false, Crashed, "exit status 1 and no test failed: starting bot fake: the database does not answer"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			tr := readTranscript(t, c.file)
			run := &Run{Tests: tr.Tests}
			classify(run, tr, c.exit, c.killed, 90*time.Second)
			assert.Equal(t, c.want, run.Outcome)
			switch c.want {
			case Green, Red:
				assert.Empty(t, run.Detail)
			case NoConnections:
				assert.Contains(t, run.Detail, "too many clients")
			default:
				assert.Equal(t, c.wantDetail, run.Detail)
			}
		})
	}
}

func TestEachRunGetsItsOwnBotAndDefectWhateverTheCallersEnvironmentSays(t *testing.T) {
	t.Setenv("CAAS_BOT", "cambialeon")
	t.Setenv(botclient.DefectsEnv, "provider-leak")
	env := runEnv("voyachat", "")
	assert.Contains(t, env, "CAAS_BOT=voyachat")
	assert.Contains(t, env, botclient.DefectsEnv+"=")
	assert.NotContains(t, env, "CAAS_BOT=cambialeon")
	assert.NotContains(t, env, botclient.DefectsEnv+"=provider-leak", "the clean run must be clean")
}
