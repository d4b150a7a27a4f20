// Package bots reads bot manifests: bots/<name>.yaml, each one bot's contract
// with the framework (where it runs, how to reach and observe it, its
// conversation graph, its safety rules). It expands ${VAR} references, checks
// a manifest strictly and completely (every problem names the file, the field,
// the line and the fix), keeps secrets out of messages (Redact), and answers
// the graph questions the tests, the explorer, the writer and the judge ask
// (Next, Edges, HappyPath, ShortestPath, Reachable, DeadEnds): the one model
// of the conversation graph.
// It imports no other package of this repository but strictyaml, the YAML
// loader every data file shares: the manifest is the vocabulary the others
// share. docs/manifest.md is the field-by-field guide.
package bots
