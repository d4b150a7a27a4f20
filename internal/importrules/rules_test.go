package importrules

import (
	"fmt"
	"slices"
	"strings"
)

// The rules of docs/architecture.md §7, over module-relative import paths
// ("botclient", "refbot/defect"). Every import counts: a package's own,
// its in-package tests' and its external tests', because a test that
// imports the reference bot can mirror its bugs as well as code can.

// leafRoots are the leaf libraries: packages that import nothing of ours, so
// anyone may import them, refbot and bots included. A package under one of
// these roots is a leaf; a root not (yet) in the tree is simply not checked.
var leafRoots = []string{"strictyaml", "envflag", "golden", "langguess", "modroot"}

// refbotDoors are the only imports of the reference bot allowed outside its
// own tree: botclient starts the embedded target (refbot) and reads the
// defect names it is asked to switch on (refbot/defect); the defect matrix
// reads the list of seeded defects it must prove caught.
var refbotDoors = map[string][]string{
	"botclient": {"refbot", "refbot/defect"},
	"matrix":    {"refbot/defect"},
}

// A rule is one paragraph of docs/architecture.md §7. breaks reports
// whether the package pkg importing imp (both ours) goes against it.
type rule struct {
	section string
	says    string
	breaks  func(pkg, imp string) bool
}

var rules = []rule{
	{
		section: "§7.1",
		says:    "the reference bot knows nothing of the framework: refbot and cmd/refbot import only refbot's own packages and leaf libraries",
		breaks: func(pkg, imp string) bool {
			return inRefbot(pkg) && !under(imp, "refbot") && !isLeaf(imp)
		},
	},
	{
		section: "§7.2",
		says:    "only botclient (refbot, refbot/defect) and matrix (refbot/defect) may import the reference bot; reach the bot through botclient (HTTP and its database)",
		breaks: func(pkg, imp string) bool {
			return under(imp, "refbot") && !inRefbot(pkg) && !slices.Contains(refbotDoors[pkg], imp)
		},
	},
	{
		section: "§7.3",
		says:    "the manifest package imports no other package of ours except leaf libraries",
		breaks: func(pkg, imp string) bool {
			return under(pkg, "bots") && !under(imp, "bots") && !isLeaf(imp)
		},
	},
	{
		section: "§7.4",
		says:    "a leaf library imports nothing of ours except leaf libraries",
		breaks: func(pkg, imp string) bool {
			return isLeaf(pkg) && !isLeaf(imp)
		},
	},
}

// under reports whether p is root or a package below it.
func under(p, root string) bool { return p == root || strings.HasPrefix(p, root+"/") }

// inRefbot: the reference bot's own tree, its command included.
func inRefbot(p string) bool { return under(p, "refbot") || p == "cmd/refbot" }

func isLeaf(p string) bool {
	for _, root := range leafRoots {
		if under(p, root) {
			return true
		}
	}
	return false
}

// listed is what `go list -json` says of one package.
type listed struct {
	ImportPath   string
	Dir          string
	GoFiles      []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	Module       *struct{ Path, Dir string }
}

// A violation is one import that breaks one rule.
type violation struct {
	pkg, imp string // module-relative
	rule     rule
}

func (v violation) String() string {
	return fmt.Sprintf("%s imports %s: %s (docs/architecture.md %s)", v.pkg, v.imp, v.rule.says, v.rule.section)
}

// check applies every rule to every import of ours of every package of
// module mod, and returns the breaks sorted by package and import.
func check(mod string, pkgs []listed) []violation {
	var out []violation
	for _, p := range pkgs {
		pkg, ok := relative(mod, p.ImportPath)
		if !ok {
			continue
		}
		for _, full := range allImports(p) {
			imp, ok := relative(mod, full)
			if !ok || imp == pkg {
				continue
			}
			for _, r := range rules {
				if r.breaks(pkg, imp) {
					out = append(out, violation{pkg, imp, r})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b violation) int {
		return strings.Compare(a.pkg+" "+a.imp+" "+a.rule.section, b.pkg+" "+b.imp+" "+b.rule.section)
	})
	return out
}

// allImports are a package's imports, its tests' and its external tests',
// each once.
func allImports(p listed) []string {
	all := slices.Concat(p.Imports, p.TestImports, p.XTestImports)
	slices.Sort(all)
	return slices.Compact(all)
}

// relative turns an import path of module mod into a module-relative one;
// ok is false for a path outside the module (the standard library, a
// dependency).
func relative(mod, path string) (string, bool) {
	if path == mod {
		return ".", true
	}
	rel, ok := strings.CutPrefix(path, mod+"/")
	return rel, ok
}
