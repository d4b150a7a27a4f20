package importrules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeList is `go list -json` output for a made-up module that breaks every
// rule at least once, in each kind of import (own, test, external test),
// beside imports the rules allow.
const fakeList = `
{"ImportPath": "example.com/bot/refbot", "Imports": ["fmt", "example.com/bot/refbot/engine", "example.com/bot/fixtures", "example.com/bot/strictyaml"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/refbot/engine", "TestImports": ["example.com/bot/testutil"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/cmd/refbot", "Imports": ["example.com/bot/refbot", "example.com/bot/envflag", "example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/botclient", "Imports": ["example.com/bot/refbot", "example.com/bot/refbot/defect", "example.com/bot/refbot/engine", "example.com/bot/bots", "example.com/bot/fixtures"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/matrix", "Imports": ["example.com/bot/refbot/defect", "example.com/bot/botclient"], "XTestImports": ["example.com/bot/refbot"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/layers/L04_webhook", "XTestImports": ["example.com/bot/testutil", "example.com/bot/refbot"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/sim/runner", "Imports": ["example.com/bot/botclient"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/testutil", "Imports": ["example.com/bot/botclient", "example.com/bot/refbot/defect"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/fixtures", "TestImports": ["example.com/bot/refbot"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/bots", "Imports": ["example.com/bot/strictyaml", "example.com/bot/refbot"], "TestImports": ["example.com/bot/golden"], "XTestImports": ["example.com/bot/bots", "example.com/bot/fixtures"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/strictyaml", "Imports": ["gopkg.in/yaml.v3"], "XTestImports": ["example.com/bot/strictyaml", "example.com/bot/golden"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/golden", "Imports": ["example.com/bot/testutil"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/envflag", "TestImports": ["example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/regression", "Imports": ["example.com/bot/botclient", "example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/cmd/caas", "Imports": ["example.com/bot/matrix", "example.com/bot/sim/runner", "example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
`

func TestTheCheckerReportsEveryBreakOnALineOfItsOwn(t *testing.T) {
	mod, pkgs, err := decodeList(strings.NewReader(fakeList))
	require.NoError(t, err)
	require.Equal(t, "example.com/bot", mod)

	var got []string
	for _, v := range check(mod, pkgs) {
		got = append(got, v.String())
	}

	const (
		r71 = ": the reference bot knows nothing of the framework: refbot and cmd/refbot import only refbot's own packages and leaf libraries (docs/architecture.md §7.1)"
		r72 = ": only botclient (refbot, refbot/defect) and matrix (refbot/defect) may import the reference bot; reach the bot through botclient (HTTP and its database) (docs/architecture.md §7.2)"
		r73 = ": the manifest package imports no other package of ours except leaf libraries (docs/architecture.md §7.3)"
		r74 = ": a leaf library imports nothing of ours except leaf libraries (docs/architecture.md §7.4)"
	)
	assert.Equal(t, []string{
		"botclient imports refbot/engine" + r72,
		"bots imports fixtures" + r73,
		"bots imports refbot" + r72,
		"bots imports refbot" + r73,
		"cmd/refbot imports bots" + r71,
		"envflag imports bots" + r74,
		"fixtures imports refbot" + r72,
		"golden imports testutil" + r74,
		"layers/L04_webhook imports refbot" + r72,
		"matrix imports refbot" + r72,
		"refbot imports fixtures" + r71,
		"refbot/engine imports testutil" + r71,
		"testutil imports refbot/defect" + r72,
	}, got)
}

func TestTheCheckerPassesATreeThatKeepsTheRules(t *testing.T) {
	const clean = `
{"ImportPath": "example.com/bot/refbot", "Imports": ["example.com/bot/refbot/defect", "example.com/bot/strictyaml"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/botclient", "Imports": ["example.com/bot/refbot", "example.com/bot/refbot/defect", "example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/matrix", "Imports": ["example.com/bot/refbot/defect", "example.com/bot/botclient"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/bots", "Imports": ["example.com/bot/strictyaml", "example.com/bot/envflag"], "XTestImports": ["example.com/bot/bots"], "Module": {"Path": "example.com/bot"}}
{"ImportPath": "example.com/bot/cmd/refbot", "Imports": ["example.com/bot/refbot", "example.com/bot/refbot/defect", "example.com/bot/envflag"], "Module": {"Path": "example.com/bot"}}
`
	mod, pkgs, err := decodeList(strings.NewReader(clean))
	require.NoError(t, err)
	assert.Empty(t, check(mod, pkgs))
}

func TestTheListReaderRefusesWhatItCannotTrust(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"nothing listed", "", "listed no packages"},
		{"a package of another module", `{"ImportPath": "a/x", "Module": {"Path": "a"}} {"ImportPath": "b/y", "Module": {"Path": "b"}}`, "two modules"},
		{"a package outside any module", `{"ImportPath": "fmt"}`, "belongs to no module"},
		{"output cut short", `{"ImportPath": "a/x", "Module": {"Path": "a"`, "reading go list output"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := decodeList(strings.NewReader(c.in))
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), c.want)
			}
		})
	}
}

// fakeClient is a botclient that hands refbot out in every way the API
// check must see, beside uses it must leave alone.
const fakeClient = `package botclient

import (
	"context"

	"example.com/bot/refbot"
	rb "example.com/bot/refbot"
	"example.com/bot/refbot/defect"
)

type Options struct {
	Label   string
	Defects defect.Set
	config  refbot.Config
}

type Target struct {
	*refbot.Server
	inner struct{ cfg refbot.Config }
}

type Config = refbot.Config

type starter interface{ Start(rb.Config) error }

type launcher struct{ cfg refbot.Config }

type Handle struct{ Launch launcher }

func Start(ctx context.Context, opt Options) (*Target, error) {
	srv, err := refbot.Start(ctx, refbot.Config{})
	return &Target{Server: srv}, err
}

func (t *Target) Server2() *rb.Server { return nil }

func (t *Target) Starter() starter { return nil }

func (l launcher) Config() refbot.Config { return l.cfg }

func startEmbedded(cfg refbot.Config) {}

var Defaults = defect.Names()

var hidden = refbot.Config{}

const DefectsEnv = "CAAS_REFBOT_DEFECTS"
`

func TestTheAPICheckCatchesEveryWayARefbotTypeIsHandedOut(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "botclient/fake.go", fakeClient, parser.SkipObjectResolution)
	require.NoError(t, err)

	got := refbotMentions(fset, "example.com/bot", []*ast.File{f})

	assert.Equal(t, []string{
		"botclient/fake.go:13:10: exported type Options mentions defect.Set (from refbot/defect)",
		"botclient/fake.go:18:3: exported type Target mentions refbot.Server (from refbot)",
		"botclient/fake.go:22:15: exported type Config mentions refbot.Config (from refbot)",
		"botclient/fake.go:24:31: exported func Starter mentions rb.Config (from refbot)",
		"botclient/fake.go:35:29: exported func Server2 mentions rb.Server (from refbot)",
		"botclient/fake.go:39:28: exported type Handle mentions refbot.Config (from refbot)",
		"botclient/fake.go:43:16: exported var Defaults mentions defect.Names (from refbot/defect)",
	}, got)
}

func TestTheAPICheckRefusesADotImportOfRefbot(t *testing.T) {
	const src = `package botclient

import . "example.com/bot/refbot"

func Start(c Config) {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "botclient/dot.go", src, parser.SkipObjectResolution)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"botclient/dot.go:3:8: dot-imports example.com/bot/refbot, which hides refbot's types from this check",
	}, refbotMentions(fset, "example.com/bot", []*ast.File{f}))
}
