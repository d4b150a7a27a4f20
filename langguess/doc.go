// Package langguess tells which language a bot reply is written in by
// counting stopwords, for the "answers in the customer's language" checks of
// the layers and the regression rows. It knows Spanish and English, the
// languages the CAAS bots speak; a reply too short or too mixed to tell
// gives "", which a check must treat as "cannot say", not as a pass. It
// imports nothing of this module, so test and non-test code share it.
package langguess
