package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
)

//go:embed report.html.tmpl
var htmlTemplate string

// pageTemplate is parsed once; html/template escapes every value for its
// context, so a quote holding "<script>" is shown, never run.
var pageTemplate = template.Must(template.New("report.html").Parse(htmlTemplate))

// renderHTML renders report.html; transcripts are the run's conversations
// by scenario id (readTranscripts), shown inline.
func renderHTML(r Run, transcripts map[string]played) ([]byte, error) {
	p := newPage(r)
	attachConversations(&p, r, transcripts)
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("report: rendering report.html: %w", err)
	}
	return buf.Bytes(), nil
}
