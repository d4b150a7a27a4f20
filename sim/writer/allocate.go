package writer

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/caas-testing/caas-testing/sim/library"
)

// allocate decides the category of each scenario of the batch: exact parts
// first, then the focus (or every category). Each draw prefers a category
// the batch has not used yet, so a batch spreads over as many categories as
// the brief allows, and a focus of one category is honoured as written.
func allocate(b Brief, lib *library.Library, rng *rand.Rand) ([]string, error) {
	for _, c := range append(slices.Clone(b.Focus), partCategories(b.Exact)...) {
		if lib.Categories[c] == nil {
			return nil, fmt.Errorf("brief asks for category %q, which the library lacks; add sim/library/categories/%s.yaml", c, c)
		}
	}
	// The narrowest parts first: "2 spies and 2 security" spreads over three
	// categories only if the spies are dealt before the group picks.
	parts := slices.Clone(b.Exact)
	slices.SortStableFunc(parts, func(x, y Part) int { return cmp.Compare(len(x.Categories), len(y.Categories)) })
	var out []string
	for _, p := range parts {
		out = append(out, deal(p.Categories, p.Count, out, rng)...)
	}
	if rest := b.Count - len(out); rest > 0 {
		focus := b.Focus
		if len(focus) == 0 {
			focus = lib.CategoryNames()
		}
		out = append(out, deal(focus, rest, out, rng)...)
	}
	return shuffled(out, rng), nil
}

// deal draws n categories from cats: those not in used first, each once
// before any repeats.
func deal(cats []string, n int, used []string, rng *rand.Rand) []string {
	var fresh, seen []string
	for _, c := range cats {
		if slices.Contains(used, c) {
			seen = append(seen, c)
		} else {
			fresh = append(fresh, c)
		}
	}
	order := append(shuffled(fresh, rng), shuffled(seen, rng)...)
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

func partCategories(ps []Part) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Categories...)
	}
	return out
}
