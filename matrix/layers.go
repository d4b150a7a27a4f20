package matrix

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// A Layer is one package under layers/: "L04_webhook" is number "04", name
// "webhook".
type Layer struct {
	Dir    string `json:"dir"`    // layers/L04_webhook, relative to the repository root
	Number string `json:"number"` // "04"
	Name   string `json:"name"`   // "webhook"
}

// ID is the layer as the table shows it: "L04".
func (l Layer) ID() string { return "L" + l.Number }

// Package is the directory's base name, "L04_webhook".
func (l Layer) Package() string { return filepath.Base(l.Dir) }

var layerDir = regexp.MustCompile(`^L([0-9]{2})_([A-Za-z0-9_]+)$`)

// FindLayers lists the layer packages under root/layers, by number.
func FindLayers(root string) ([]Layer, error) {
	entries, err := os.ReadDir(filepath.Join(root, "layers"))
	if err != nil {
		return nil, fmt.Errorf("listing the layers: %w; run from inside the repository", err)
	}
	var out []Layer
	for _, e := range entries {
		m := layerDir.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		out = append(out, Layer{Dir: filepath.Join("layers", e.Name()), Number: m[1], Name: m[2]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// SelectLayers picks layers from all by a comma-separated spec whose items
// are a number ("04"), an id ("L04"), a name ("webhook") or a directory name
// ("L04_webhook"), as run_tests.sh reads them. An empty spec selects every
// layer: the sim layer too, since it alone catches loop-reply (its golden
// scores drop) and plays its scenarios once per binary, in seconds.
func SelectLayers(all []Layer, spec string) ([]Layer, error) {
	if strings.TrimSpace(spec) == "" {
		return all, nil
	}
	picked := map[string]bool{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		l, ok := matchLayer(all, item)
		if !ok {
			return nil, fmt.Errorf("unknown layer %q; known layers: %s", item, layerList(all))
		}
		picked[l.Number] = true
	}
	var out []Layer
	for _, l := range all {
		if picked[l.Number] {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-layers %q selects no layer; known layers: %s", spec, layerList(all))
	}
	return out, nil
}

func matchLayer(all []Layer, item string) (Layer, bool) {
	want := strings.TrimPrefix(strings.TrimPrefix(item, "L"), "l")
	for _, l := range all {
		if want == l.Number || item == l.Package() || strings.EqualFold(want, l.Name) || want == l.Number+"_"+l.Name {
			return l, true
		}
	}
	return Layer{}, false
}

func layerList(all []Layer) string {
	names := make([]string, len(all))
	for i, l := range all {
		names[i] = l.Package()
	}
	return strings.Join(names, " ")
}
