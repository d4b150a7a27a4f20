package importrules

import (
	"fmt"
	"go/ast"
	"go/token"
	"path"
	"sort"
	"strconv"
)

// botclient may import the reference bot, but what it hands out must not
// mention it (docs/architecture.md §7.5): a caller that got a refbot type
// could reach into the bot's code and mirror it. refbotMentions finds, in
// the parsed files of one package, every exported declaration whose
// signature, type, fields or value mention a package of the refbot tree,
// one line each: "file:line: exported func Start mentions refbot.Config".
// Function bodies are not read (that is where the embedded target is
// started); an unexported type that an exported declaration uses is read
// too, so a refbot type cannot be handed out under a local name.
func refbotMentions(fset *token.FileSet, mod string, files []*ast.File) []string {
	local := localTypes(mod, files)
	var out []string
	for _, f := range files {
		names := refbotImports(mod, f)
		for _, spec := range f.Imports {
			if spec.Name != nil && spec.Name.Name == "." && isRefbotPath(mod, importPath(spec)) {
				out = append(out, fmt.Sprintf("%s: dot-imports %s, which hides refbot's types from this check", fset.Position(spec.Pos()), importPath(spec)))
			}
		}
		w := walker{fset: fset, local: local}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				// Methods of unexported types are API only when an
				// exported declaration hands their type out (walk).
				if !d.Name.IsExported() || (d.Recv != nil && !ast.IsExported(receiverName(d.Recv))) {
					continue
				}
				w.start("func " + d.Name.Name)
				if d.Recv != nil {
					w.walk(d.Recv, names)
				}
				w.walk(d.Type, names)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						w.start("type " + s.Name.Name)
						if s.TypeParams != nil {
							w.walk(s.TypeParams, names)
						}
						w.walk(s.Type, names)
					case *ast.ValueSpec:
						exported := ""
						for _, n := range s.Names {
							if n.IsExported() {
								exported = n.Name
							}
						}
						if exported == "" {
							continue
						}
						w.start(d.Tok.String() + " " + exported)
						if s.Type != nil {
							w.walk(s.Type, names)
						}
						for _, v := range s.Values {
							w.walk(v, names)
						}
					}
				}
			}
		}
		out = append(out, w.found...)
	}
	sort.Strings(out)
	return out
}

// localType is an unexported type of the package: its declaration and its
// exported methods (callable through an exported field or result of that
// type), each with the refbot import names of the file it is in.
type localType struct {
	spec    *ast.TypeSpec
	names   map[string]string
	methods []localMethod
}

type localMethod struct {
	fn    *ast.FuncDecl
	names map[string]string
}

func localTypes(mod string, files []*ast.File) map[string]*localType {
	out := map[string]*localType{}
	get := func(name string) *localType {
		if out[name] == nil {
			out[name] = &localType{}
		}
		return out[name]
	}
	for _, f := range files {
		names := refbotImports(mod, f)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, s := range d.Specs {
					if ts := s.(*ast.TypeSpec); !ts.Name.IsExported() {
						lt := get(ts.Name.Name)
						lt.spec, lt.names = ts, names
					}
				}
			case *ast.FuncDecl:
				if r := receiverName(d.Recv); r != "" && !ast.IsExported(r) && d.Name.IsExported() {
					lt := get(r)
					lt.methods = append(lt.methods, localMethod{d, names})
				}
			}
		}
	}
	return out
}

// walker collects the refbot selectors met in the parts of a declaration a
// caller can see.
type walker struct {
	fset  *token.FileSet
	local map[string]*localType
	decl  string          // the exported declaration being read
	seen  map[string]bool // unexported types already read for it
	found []string
}

// start begins reading one exported declaration.
func (w *walker) start(decl string) {
	w.decl, w.seen = decl, map[string]bool{}
}

func (w *walker) walk(n ast.Node, names map[string]string) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StructType:
			w.visibleFields(n.Fields, names)
			return false
		case *ast.InterfaceType:
			w.visibleFields(n.Methods, names)
			return false
		case *ast.FuncLit:
			w.walk(n.Type, names) // its body is code, not API
			return false
		case *ast.SelectorExpr:
			id, ok := n.X.(*ast.Ident)
			if !ok {
				return true
			}
			if imp, ok := names[id.Name]; ok {
				w.found = append(w.found, fmt.Sprintf("%s: exported %s mentions %s.%s (from %s)",
					w.fset.Position(n.Pos()), w.decl, id.Name, n.Sel.Name, imp))
			}
			return false
		case *ast.Ident:
			if lt, ok := w.local[n.Name]; ok && !w.seen[n.Name] {
				w.seen[n.Name] = true
				if lt.spec != nil {
					if lt.spec.TypeParams != nil {
						w.walk(lt.spec.TypeParams, lt.names)
					}
					w.walk(lt.spec.Type, lt.names)
				}
				for _, m := range lt.methods {
					w.walk(m.fn.Type, m.names)
				}
			}
		}
		return true
	})
}

// visibleFields walks the fields (or interface methods) a caller can reach:
// exported ones and embedded ones, whose members are promoted.
func (w *walker) visibleFields(fields *ast.FieldList, names map[string]string) {
	if fields == nil {
		return
	}
	for _, f := range fields.List {
		visible := len(f.Names) == 0
		for _, n := range f.Names {
			visible = visible || n.IsExported()
		}
		if visible {
			w.walk(f.Type, names)
		}
	}
}

// refbotImports maps the names a file uses for packages of the refbot tree
// to their module-relative paths.
func refbotImports(mod string, f *ast.File) map[string]string {
	out := map[string]string{}
	for _, spec := range f.Imports {
		p := importPath(spec)
		if !isRefbotPath(mod, p) {
			continue
		}
		name := path.Base(p)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name != "_" && name != "." {
			rel, _ := relative(mod, p)
			out[name] = rel
		}
	}
	return out
}

func isRefbotPath(mod, p string) bool {
	rel, ok := relative(mod, p)
	return ok && under(rel, "refbot")
}

func importPath(spec *ast.ImportSpec) string {
	p, err := strconv.Unquote(spec.Path.Value)
	if err != nil {
		return spec.Path.Value
	}
	return p
}

// receiverName is the name of a method's receiver type (T, *T, T[P],
// *T[P]); "" for a function.
func receiverName(recv *ast.FieldList) string {
	if recv == nil || len(recv.List) == 0 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}
