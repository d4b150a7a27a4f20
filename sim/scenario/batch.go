package scenario

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// BatchRules are what a batch of scenarios must satisfy.
type BatchRules struct {
	// Count is the exact number of scenarios wanted; 0 accepts any number.
	Count int
	// MinCategories is the number of distinct categories the batch must mix
	// (docs/scenarios.md §2: 3), capped at the batch size: two scenarios cannot mix three.
	MinCategories int
}

// DefaultBatch is the rule of docs/scenarios.md §2: a batch mixes at least three categories.
var DefaultBatch = BatchRules{MinCategories: 3}

// CheckBatch checks a batch of one bot's scenarios as a whole: not empty, the
// count, distinct categories, unique ids, one bot. It does not Validate each
// scenario; do that too.
func CheckBatch(scs []*Scenario, r BatchRules) error {
	var ps Problems
	where := "batch"
	if len(scs) > 0 && scs[0].Path != "" {
		where = parentDir(scs[0].Path)
	}
	add := func(msg, fix string) { ps = append(ps, Problem{File: where, Msg: msg, Fix: fix}) }

	if len(scs) == 0 {
		add("no scenarios", "write some, or generate them with `caas sim write`")
		return ps.Err()
	}
	if r.Count > 0 && len(scs) != r.Count {
		add(fmt.Sprintf("%d scenarios, want %d", len(scs), r.Count), "add or remove scenarios")
	}
	cats := BatchCategories(scs)
	if want := min(r.MinCategories, len(scs)); len(cats) < want {
		add(fmt.Sprintf("%d categories (%s), want at least %d", len(cats), strings.Join(cats, ", "), want),
			"mix in scenarios of other categories: "+strings.Join(missing(cats), ", "))
	}
	ids := map[string]string{}
	bots := map[string]bool{}
	for _, s := range scs {
		if prev, ok := ids[s.ID]; ok {
			add(fmt.Sprintf("id %q is used twice (%s and %s)", s.ID, prev, s.where()), "give each scenario its own id")
		}
		ids[s.ID] = s.where()
		bots[s.Bot] = true
	}
	if len(bots) > 1 {
		names := make([]string, 0, len(bots))
		for b := range bots {
			names = append(names, b)
		}
		sort.Strings(names)
		add("mixes bots ("+strings.Join(names, ", ")+")", "keep one bot's scenarios per batch (sim/scenarios/<bot>/)")
	}
	return ps.Err()
}

// BatchCategories are the distinct categories of scs, sorted.
func BatchCategories(scs []*Scenario) []string {
	var out []string
	for _, s := range scs {
		if s.Category != "" && !slices.Contains(out, s.Category) {
			out = append(out, s.Category)
		}
	}
	sort.Strings(out)
	return out
}

func missing(have []string) []string {
	var out []string
	for _, c := range Categories {
		if !slices.Contains(have, c) {
			out = append(out, c)
		}
	}
	return out
}

func parentDir(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i > 0 {
		return path[:i]
	}
	return "."
}
