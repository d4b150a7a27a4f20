package refbot

import (
	"bytes"
	"errors"
	htmltemplate "html/template"
	"io"
	"net/http"
	"sort"
	texttemplate "text/template"
	"time"

	"github.com/jackc/pgx/v5"
)

// receiptPage is the receipt's HTML. Every value in it is customer-supplied
// or derived from it, which is why it must go through html/template.
const receiptPage = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} {{.ID}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}dt{font-weight:600;margin-top:.6rem}dd{margin:0}</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>Referencia / Reference: <strong>{{.ID}}</strong></p>
<dl>
{{range .Fields}}<dt>{{.Label}}</dt><dd>{{.Value}}</dd>
{{end}}</dl>
<p><small>{{.Product}} · {{.Created}}</small></p>
</body>
</html>
`

const notFoundPage = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Recibo no encontrado / Receipt not found</h1>
<p>Revisa el enlace que te enviamos. / Check the link we sent you.</p></body></html>
`

var (
	receiptHTML = htmltemplate.Must(htmltemplate.New("receipt").Parse(receiptPage))
	// receiptText is the xss-echo seeded defect: the same page through
	// text/template (an import swapped in a refactor), which escapes nothing.
	receiptText = texttemplate.Must(texttemplate.New("receipt").Parse(receiptPage))
)

type receiptView struct {
	Title, ID, Product, Created string
	Fields                      []receiptField
}

type receiptField struct{ Label, Value string }

// fieldLabels names the fields the engine collects; others show their key.
var fieldLabels = map[string]string{
	"name": "Nombre / Name", "destination": "Destino / Destination", "dates": "Fechas / Dates",
	"address": "Dirección / Address", "offer": "Oferta / Offer", "travellers": "Viajeros / Travellers",
}

var receiptTitles = map[string]string{"booking": "Reserva / Booking", "quote": "Presupuesto / Quote"}

func (s *Server) handleReceipt(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !receiptIDPattern.MatchString(id) {
		writeHTML(w, http.StatusNotFound, []byte(notFoundPage))
		return
	}
	var kind string
	var data map[string]string
	var created time.Time
	err := s.pool.QueryRow(r.Context(), `select kind, data, created_at from receipts where id = $1`, id).Scan(&kind, &data, &created)
	if errors.Is(err, pgx.ErrNoRows) {
		writeHTML(w, http.StatusNotFound, []byte(notFoundPage))
		return
	}
	if err != nil {
		s.log.Warn("receipt lookup failed", "id", id, "reason", shortDBError(err))
		http.Error(w, "temporarily unavailable, retry later", http.StatusServiceUnavailable)
		return
	}
	view := receiptView{Title: receiptTitles[kind], ID: id, Product: s.cfg.Product, Created: created.UTC().Format("2006-01-02 15:04 UTC")}
	if view.Title == "" {
		view.Title = "Recibo / Receipt"
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		label := fieldLabels[k]
		if label == "" {
			label = k
		}
		view.Fields = append(view.Fields, receiptField{Label: label, Value: data[k]})
	}
	var buf bytes.Buffer
	var render func(io.Writer, any) error = receiptHTML.Execute
	if s.cfg.Defects.On("xss-echo") {
		render = receiptText.Execute
	}
	if err := render(&buf, view); err != nil {
		s.log.Error("render receipt", "id", id, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, http.StatusOK, buf.Bytes())
}

func writeHTML(w http.ResponseWriter, code int, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(page) //nolint:errcheck // the client went away
}
