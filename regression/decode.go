package regression

import "github.com/caas-testing/caas-testing/strictyaml"

// decode reads one row strictly (every unknown field, with its line and the
// closest known name; every value of the wrong type): a misspelt field is a
// problem, not a check silently left out. It keeps the line of every field,
// so later problems can point at it.
func decode(file string, data []byte) (*Row, error) {
	r := &Row{File: file}
	layout, err := strictyaml.DecodeWith(file, data, r, strictyaml.Options{Fixes: strictyaml.Fixes{
		Empty: "write one row (" + FormatDoc + ")",
		Type:  "write a value of the type " + FormatDoc + " gives for this field",
		Extra: "keep one row per file; move the others to files of their own",
	}})
	if err != nil {
		return nil, err
	}
	r.lines = layout.Lines
	return r, nil
}
