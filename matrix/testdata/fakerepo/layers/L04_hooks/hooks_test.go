package hooks

import (
	"os"
	"testing"
	"time"
)

func defect() string { return os.Getenv("CAAS_REFBOT_DEFECTS") }

func TestUnsignedDeliveriesAreRejected(t *testing.T) {
	t.Parallel()
	t.Run("no_signature", func(t *testing.T) {
		t.Log("posting without X-Hub-Signature-256")
		if defect() == "skip-signature" {
			t.Errorf("got 200, want 401")
		}
	})
}

func TestARedeliveryGetsNoSecondReply(t *testing.T) {
	t.Parallel()
	if defect() == "duplicate-reply" {
		t.Errorf("got 2 replies, want 1")
	}
}

func TestStripeReplaysAreRefused(t *testing.T) {
	if defect() == "stripe-replay" {
		panic("nil session for an old event")
	}
}

func TestStripeEventsAreRecordedOnce(t *testing.T) {
	if defect() == "stripe-duplicate" {
		time.Sleep(time.Minute)
	}
}

func TestTheBotSkipsWhatItCannotCheck(t *testing.T) {
	t.Skip("no Stripe in this bot")
}

func TestLookupsSurviveQuotes(t *testing.T) {
	if defect() == "sql-concat" {
		t.Fatal("connecting to the bot's database: FATAL: sorry, too many clients already (SQLSTATE 53300)")
	}
}
