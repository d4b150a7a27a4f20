// Package importrules holds, as a test, the import rules of
// docs/architecture.md §7: the reference bot knows nothing of the framework,
// the framework reaches the reference bot only through botclient (and the
// defect matrix reads only its list of seeded defects), the manifest package
// and the leaf libraries import nothing of the framework, and botclient's
// exported API mentions no refbot type. A bug in the bot must never be
// mirrored in the test that should catch it, and these rules are what keeps
// the two apart. The package has no code of its own; run it with
// `go test ./internal/importrules`.
package importrules
