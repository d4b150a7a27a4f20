// Package products holds the reference bot's product files: one YAML file
// per product (voyachat.yaml, cambialeon.yaml) with every text, keyword,
// price and graph the conversation engine plays. They are embedded so the
// bot runs from a single binary; GRAPHS.md beside them is the contract the
// files and the manifests must both follow.
package products

import "embed"

// FS holds every product file (*.yaml) at its root.
//
//go:embed *.yaml
var FS embed.FS
