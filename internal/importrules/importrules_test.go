package importrules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestEveryImportKeepsTheBlackBoxRules(t *testing.T) {
	mod, pkgs := goList(t)
	var present []string
	for _, p := range pkgs {
		if rel, ok := relative(mod, p.ImportPath); ok && isLeaf(rel) {
			present = append(present, rel)
		}
	}
	t.Logf("%d packages of %s; leaf libraries present: %v (of %v)", len(pkgs), mod, present, leafRoots)

	for _, v := range check(mod, pkgs) {
		t.Error(v)
	}
}

// A rule that never applies to the tree is a rule that silently stopped
// meaning anything (a package renamed, a door moved): each door and each
// governed package must still exist.
func TestTheRulesNameThePackagesOfTheTree(t *testing.T) {
	mod, pkgs := goList(t)
	have := map[string]bool{}
	for _, p := range pkgs {
		if rel, ok := relative(mod, p.ImportPath); ok {
			have[rel] = true
		}
	}
	for _, want := range []string{"refbot", "refbot/defect", "cmd/refbot", "bots", "botclient", "matrix", "testutil", "fixtures"} {
		if !have[want] {
			t.Errorf("the rules of docs/architecture.md §7 name %s, which go list no longer lists; update the rules and the doc", want)
		}
	}
	for importer, doors := range refbotDoors {
		p := find(mod, pkgs, importer)
		if p == nil {
			continue
		}
		for _, door := range doors {
			if !slices.Contains(allImports(*p), mod+"/"+door) {
				t.Errorf("%s no longer imports %s: close the door in refbotDoors and in docs/architecture.md §7.2", importer, door)
			}
		}
	}
}

func TestBotclientHandsOutNothingRefbotSpecific(t *testing.T) {
	mod, pkgs := goList(t)
	p := find(mod, pkgs, "botclient")
	if p == nil {
		t.Fatalf("go list lists no %s/botclient; the rule of docs/architecture.md §7.5 is about it", mod)
	}
	root := strings.TrimSuffix(p.Module.Dir, string(filepath.Separator))
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range p.GoFiles {
		full := filepath.Join(p.Dir, name)
		src, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		shown, err := filepath.Rel(root, full)
		if err != nil {
			shown = full
		}
		f, err := parser.ParseFile(fset, filepath.ToSlash(shown), src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if !importsRefbot(mod, files) {
		t.Logf("botclient imports no refbot package any more; this check then holds trivially")
	}
	for _, m := range refbotMentions(fset, mod, files) {
		t.Errorf("%s: botclient's API must hand out nothing refbot-specific (docs/architecture.md §7.5); take or return a type of botclient's own", m)
	}
}

func find(mod string, pkgs []listed, rel string) *listed {
	for i := range pkgs {
		if pkgs[i].ImportPath == mod+"/"+rel {
			return &pkgs[i]
		}
	}
	return nil
}

func importsRefbot(mod string, files []*ast.File) bool {
	for _, f := range files {
		if len(refbotImports(mod, f)) > 0 {
			return true
		}
	}
	return false
}
