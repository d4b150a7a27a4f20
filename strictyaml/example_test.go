package strictyaml_test

import (
	"fmt"
	"strings"

	"github.com/caas-testing/caas-testing/strictyaml"
)

func ExampleDecode() {
	var row struct {
		ID    string   `yaml:"id"`
		Title string   `yaml:"title"`
		Bots  []string `yaml:"bots"`
	}
	err := strictyaml.Decode("rows/leak.yaml", []byte("id: leak\ntitel: Names a provider\nbots: voyachat\n"), &row)
	fmt.Println(err)
	// Output:
	// rows/leak.yaml:2: titel: unknown field; did you mean "title"? known fields here: bots, id, title
	// rows/leak.yaml:3: bots: a single value where a list belongs; write one - item per line under it, or [a, b]
}

func ExampleDecodeWith() {
	var m struct {
		Greeting string            `yaml:"greeting"`
		On       map[string]string `yaml:"on"`
	}
	upper := func(s strictyaml.Scalar) (string, []strictyaml.Problem) { return strings.ToUpper(s.Value), nil }
	layout, err := strictyaml.DecodeWith("m.yaml", []byte("greeting: hola\non:\n  yes: ok\n  no: bye\n"), &m,
		strictyaml.Options{Scalar: upper})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Greeting, layout.Lines["on.no"], layout.Keys["on"])
	// Output: HOLA 4 [yes no]
}
