// Package refbot is the reference CAAS bot's server: a real WhatsApp Cloud API
// and Stripe webhook receiver that keeps its sessions, messages, payments and
// receipts in PostgreSQL and lets the conversation engine (package engine)
// decide what to say. It exists so the test suite has a real, local target
// that speaks the same contract as a production bot, and so that seeded
// defects (package defect) can prove the suite catches real bugs.
//
// Start runs one server; the framework observes it only through HTTP and the
// database, never through this package's types.
package refbot
