// Package scenario is the sim scenario schema and its loader: a persona with a
// goal and tactics, an opening WhatsApp message, the customer's scripted turns
// (for the offline runner), and what the bot is expected to do. Files live
// under sim/scenarios/<bot>/<id>.yaml, one scenario each; Load decodes them
// strictly (an unknown field is an error with its line), Validate reports every
// problem at once naming the file, the field and the fix, and CheckBatch holds
// a batch to the rules of docs/scenarios.md §2 (at least three categories).
package scenario
