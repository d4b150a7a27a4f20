package l08security_test

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// markup is what an HTML page would make a browser do, read with the
// HTML5 tokenizer a browser's parser is built on (script, style, title and
// textarea contents are raw text, entities are decoded): which elements it
// has, which event handlers, which script URLs, and the text it shows.
type markup struct {
	tags     map[string]int // start and self-closing tags, by name
	handlers []string       // on* attributes, as "tag onerror=..."
	scriptJS []string       // javascript:/vbscript:/data:text/html in URL attributes or styles
	text     string         // the text nodes, decoded
}

// urlAttrs are the attributes whose value a browser may load or navigate to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true,
	"poster": true, "background": true, "xlink:href": true, "srcdoc": true, "content": true,
}

func scanHTML(page string) markup {
	mk := markup{tags: map[string]int{}}
	var text strings.Builder
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			mk.text = text.String()
			return mk
		case html.TextToken:
			text.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			mk.tags[tok.Data]++
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					mk.handlers = append(mk.handlers, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
				}
				if (urlAttrs[key] || key == "style") && scriptURL(a.Val) {
					mk.scriptJS = append(mk.scriptJS, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
				}
			}
		}
	}
}

// scriptURL says whether an attribute value would run script when loaded:
// browsers drop whitespace and control characters inside the scheme, so
// "jav\tascript:" counts too.
func scriptURL(v string) bool {
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, v))
	for _, bad := range []string{"javascript:", "vbscript:", "data:text/html", "expression("} {
		if strings.Contains(v, bad) {
			return true
		}
	}
	return false
}

// extraTags lists the elements page has more of than baseline (the same
// page rendered for harmless data): markup the data brought in.
func (mk markup) extraTags(baseline markup) []string {
	var out []string
	for tag, n := range mk.tags {
		if n > baseline.tags[tag] {
			out = append(out, fmt.Sprintf("<%s> ×%d (the page for harmless data has %d)", tag, n, baseline.tags[tag]))
		}
	}
	sort.Strings(out)
	return out
}
