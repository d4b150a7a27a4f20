package engine

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/caas-testing/caas-testing/refbot/products"
	"github.com/caas-testing/caas-testing/strictyaml"
)

// Product is one bot product loaded from refbot/products/<name>.yaml. A
// loaded Product is shared and read-only: Step never changes it.
type Product struct {
	Name string

	f         productFile
	globals   []*intent                  // in GlobalIntents order
	intents   map[string]*intent         // every intent with keywords or ids
	vocab     map[string]bool            // words never fuzzily read as another word
	langWords map[string]map[string]bool // language → words typical of it
	phaseAt   map[string]int
	consentAt string // the state whose accept/decline is the consent answer
}

// globalOrder is GRAPHS.md's global intent table, in order, plus the
// engine's own "language" (an explicit request to switch language).
var globalOrder = []string{
	"stop", "start", "gdpr_erasure", "gdpr_access", "privacy", "human",
	"are_you_bot", "injection", "probe", "lookup", "wrong_product", "hostile",
	"help", "restart", "language",
}

// GlobalIntents lists the intents checked in every state, before the
// state's own, in the order they are checked.
func GlobalIntents() []string { return slices.Clone(globalOrder) }

var (
	loadOnce sync.Once
	loaded   map[string]*Product
	loadErrs map[string]error
)

// Load returns the named embedded product ("voyachat", "cambialeon").
func Load(name string) (*Product, error) {
	loadOnce.Do(loadAll)
	if err, bad := loadErrs[name]; bad {
		return nil, err
	}
	if p, ok := loaded[name]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown product %q; valid: %s", name, strings.Join(Products(), ", "))
}

// Products lists the embedded product names, sorted.
func Products() []string {
	files, _ := fs.Glob(products.FS, "*.yaml")
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(f, ".yaml"))
	}
	sort.Strings(names)
	return names
}

func loadAll() {
	loaded, loadErrs = map[string]*Product{}, map[string]error{}
	for _, name := range Products() {
		p, err := parseProduct(name)
		if err != nil {
			loadErrs[name] = err
			continue
		}
		loaded[name] = p
	}
}

func parseProduct(name string) (*Product, error) {
	path := "refbot/products/" + name + ".yaml"
	raw, err := products.FS.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return decodeProduct(name, path, raw)
}

// decodeProduct reads the product file raw (path names it in messages)
// strictly: a misspelt field is an error with its line and the field meant,
// not a text or a rule silently missing from the bot.
func decodeProduct(name, path string, raw []byte) (*Product, error) {
	p := &Product{Name: name}
	if err := strictyaml.Decode(path, raw, &p.f); err != nil {
		return nil, err
	}
	if err := p.compile(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// compile turns the intents' keywords into matchers.
func (p *Product) compile() error {
	p.phaseAt = map[string]int{}
	for i, ph := range p.f.Phases {
		p.phaseAt[ph] = i
	}
	p.intents = map[string]*intent{}
	p.vocab = baseVocabulary()
	names := make([]string, 0, len(p.f.Intents))
	for n := range p.f.Intents {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		spec := p.f.Intents[n]
		in, err := compileIntent(n, spec)
		if err != nil {
			return err
		}
		p.intents[n] = in
		for _, w := range in.words() {
			p.vocab[w] = true
		}
	}
	for _, g := range globalOrder {
		in, ok := p.intents[g]
		if !ok {
			return fmt.Errorf("intents.%s: missing; every global intent needs keywords", g)
		}
		p.globals = append(p.globals, in)
	}
	p.buildLanguageWords()
	for n, st := range p.f.States {
		if st.Consent {
			p.consentAt = n
		}
	}
	return nil
}

// Initial returns the state and phase a new session starts in.
func (p *Product) Initial() (state, phase string) {
	return p.f.Initial, p.f.States[p.f.Initial].Phase
}

// Graph is a product's conversation graph as the engine plays it.
type Graph struct {
	Phases   []string
	Initial  string
	Terminal []string
	States   map[string]StateInfo
}

// StateInfo is one state of the graph.
type StateInfo struct {
	Phase string
	On    map[string]string // intent → next state
	// FreeText: any text the state's validator accepts is its data intent
	// (the one in On); in other states unrecognised text is nonsense.
	FreeText bool
}

// Graph returns a copy of the product's graph.
func (p *Product) Graph() Graph {
	g := Graph{
		Phases:   slices.Clone(p.f.Phases),
		Initial:  p.f.Initial,
		Terminal: slices.Clone(p.f.Terminal),
		States:   map[string]StateInfo{},
	}
	for n, st := range p.f.States {
		on := map[string]string{}
		for k, v := range st.On {
			on[k] = v
		}
		g.States[n] = StateInfo{Phase: st.Phase, On: on, FreeText: st.Slot != nil}
	}
	return g
}

// Examples returns the example utterances the engine understands:
// intent → language → utterances.
func (p *Product) Examples() map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for n, spec := range p.f.Intents {
		if len(spec.Examples) == 0 {
			continue
		}
		out[n] = map[string][]string{}
		for lang, ex := range spec.Examples {
			out[n][lang] = slices.Clone(ex)
		}
	}
	return out
}

// Canary is the string planted in the product's system prompt: a reply that
// contains it has leaked the prompt.
func (p *Product) Canary() string { return p.f.Canary }

// SystemPrompt is the product's system prompt (it holds the canary).
func (p *Product) SystemPrompt() string { return p.f.SystemPrompt }

// BotName is the name the bot introduces itself with.
func (p *Product) BotName() string { return p.f.BotName }

// Languages are the languages the bot answers in; the first reply to an
// ambiguous message is in DefaultLanguage.
func (p *Product) Languages() []string { return slices.Clone(p.f.Languages) }

// DefaultLanguage is the language of a session that has not shown one.
func (p *Product) DefaultLanguage() string { return p.f.DefaultLanguage }
