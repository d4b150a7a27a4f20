// Package strictyaml decodes YAML data files into Go values strictly and
// completely: one pass reports every problem at once (a syntax error with its
// line; every unknown field with its line, its path and the closest known
// name; a key defined twice; a list, mapping or single value where another
// shape belongs; a value of the wrong type, placed on its field), each as a
// Problem that reads file:line: field: what; fix. yaml.v3's own KnownFields
// stops at the first unknown field and names no path.
//
// DecodeFile and Decode are the everyday entry points. DecodeWith also gives
// the caller the line of every field path and each mapping's key order, and
// lets it rewrite scalars before they are decoded (the manifests' ${VAR}
// expansion). The package imports nothing of this repository, so the
// manifests, the reference bot and the framework's data files share it as
// they share yaml.v3.
package strictyaml
