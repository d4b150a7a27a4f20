package l10regression_test

import "testing"

// One test per named production bug, never deleted. Each replays its data
// file under testdata/regressions; the comment says when and by whom it was
// found.

// 2026-03-25, Spy Laura on Cambialeon v4: provider names before any comparison.
func TestSpyLauraGetsNoProviderNamesBeforeTheComparison(t *testing.T) {
	runRegression(t, "provider-names-before-comparison")
}

// 2026-03-25, Lawyer Alberto on Cambialeon v4: a consent block with no retention period.
func TestLawyerAlbertoIsToldHowLongHisDataIsKeptBeforeHeConsents(t *testing.T) {
	runRegression(t, "consent-without-retention-period")
}

// 2026-03-25, Spy Laura on Cambialeon v4: the commission model explained too early.
func TestSpyLauraIsNotToldTheCommissionModelBeforeTheComparison(t *testing.T) {
	runRegression(t, "commission-model-before-comparison")
}

// 2026-04-02, Grandma Carmen on Cambialeon: asked for her kWh before consenting.
func TestGrandmaCarmenIsAskedForConsentBeforeAnyPersonalData(t *testing.T) {
	runRegression(t, "personal-data-before-consent")
}

// 2026-04-08, Grandpa Manuel on VoyaChat: the bot said it was a person.
func TestGrandpaManuelIsToldHeIsTalkingToAnAI(t *testing.T) {
	runRegression(t, "bot-claimed-to-be-a-person")
}

// 2026-04-14, Fed-up Sonia on Cambialeon: BAJA ignored.
func TestFedUpSoniaHearsNothingMoreAfterBaja(t *testing.T) {
	runRegression(t, "stop-ignored")
}

// 2026-04-21, Busy Mum Lucía on Cambialeon: a redelivered message answered twice.
func TestBusyMumLuciaReadsEachAnswerOnceWhenMetaRedelivers(t *testing.T) {
	runRegression(t, "duplicate-reply-on-redelivery")
}

// 2026-04-29, Furious Paco on VoyaChat: asked for a person, got the menu.
func TestFuriousPacoIsOfferedAPersonWhenHeAsksForOne(t *testing.T) {
	runRegression(t, "no-handoff-when-asked")
}

// 2026-05-06, Multilingual Kenji on VoyaChat: Spanish answered in English.
func TestMultilingualKenjiIsAnsweredInSpanishWhenHeWritesSpanish(t *testing.T) {
	runRegression(t, "spanish-answered-in-english")
}
