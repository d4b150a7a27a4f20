package report

import "strings"

// mdHTML makes text from a run (a persona, a quote, a finding) inert in
// report.md, which a Markdown renderer turns into HTML: a persona named
// "<script>" must read as those characters, as it does in report.html.
// Quotes and apostrophes stay: outside an attribute they mean nothing to
// HTML, and a reader of the raw file should not meet &#34;.
var mdHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// mdText is s on one line, escaped for report.md outside a table: its HTML
// made inert and its pipes literal, so a quote cannot start a table either.
func mdText(s string) string { return strings.ReplaceAll(mdHTML.Replace(oneLine(s)), "|", `\|`) }

// mdCell is s escaped for a table cell of report.md; table escapes the
// pipes of every cell itself (cellText), for the terminal's table too.
func mdCell(s string) string { return mdHTML.Replace(s) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdList is ids joined with commas, each escaped.
func mdList(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = mdText(id)
	}
	return strings.Join(out, ", ")
}
