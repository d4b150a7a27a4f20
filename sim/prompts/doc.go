// Package prompts holds the system prompts of the four sim agents (writer,
// runner customer, judge, fixer) as editable Markdown files with a front
// matter, embedded in the binary. Load returns one without its front
// matter, ready to send as a system prompt; the files themselves can be
// copied into .claude/agents/ for the claude command-line client.
package prompts
