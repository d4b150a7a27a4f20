package writer

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/caas-testing/caas-testing/sim/library"
)

// allocate decides the category of each scenario of the batch: exact parts
// first, then the focus (or every category), keeping three distinct
// categories in any batch of three or more unless the exact parts say
// otherwise.
func allocate(b Brief, lib *library.Library, rng *rand.Rand) ([]string, error) {
	all := lib.CategoryNames()
	for _, c := range append(slices.Clone(b.Focus), partCategories(b.Exact)...) {
		if lib.Categories[c] == nil {
			return nil, fmt.Errorf("brief asks for category %q, which the library lacks; add sim/library/categories/%s.yaml", c, c)
		}
	}
	var out []string
	for _, p := range b.Exact {
		out = append(out, deal(p.Categories, p.Count, rng)...)
	}
	rest := b.Count - len(out)
	if rest <= 0 {
		return shuffled(out, rng), nil
	}
	focus := b.Focus
	if len(focus) == 0 {
		focus = all
	}
	// Categories still needed to reach three distinct in the batch.
	have := distinct(out)
	need := 0
	if b.Count >= 3 {
		need = max(0, 3-len(appendNew(slices.Clone(have), focus...)))
	}
	need = min(need, rest)
	var outside []string
	for _, c := range all {
		if !slices.Contains(focus, c) && !slices.Contains(have, c) {
			outside = append(outside, c)
		}
	}
	extra := shuffled(outside, rng)[:min(need, len(outside))]
	out = append(out, extra...)
	// Prefer focus categories the exact parts have not used yet, so the batch spreads.
	var fresh, used []string
	for _, c := range focus {
		if slices.Contains(out, c) {
			used = append(used, c)
		} else {
			fresh = append(fresh, c)
		}
	}
	order := append(shuffled(fresh, rng), shuffled(used, rng)...)
	out = append(out, cycle(order, rest-len(extra))...)
	return shuffled(out, rng), nil
}

// deal draws n categories from cats, each once before any repeats.
func deal(cats []string, n int, rng *rand.Rand) []string {
	return cycle(shuffled(cats, rng), n)
}

func cycle(order []string, n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n && len(order) > 0; i++ {
		out = append(out, order[i%len(order)])
	}
	return out
}

func shuffled(in []string, rng *rand.Rand) []string {
	out := slices.Clone(in)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func distinct(in []string) []string { return appendNew(nil, in...) }

func partCategories(ps []Part) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Categories...)
	}
	return out
}
