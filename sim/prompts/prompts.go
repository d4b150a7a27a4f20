package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/caas-testing/caas-testing/strictyaml"
)

// The agents' prompt names.
const (
	Writer   = "writer"
	Customer = "runner-customer"
	Judge    = "judge"
	Fixer    = "fixer"
)

// Names are the prompts every agent set has.
var Names = []string{Writer, Customer, Judge, Fixer}

//go:embed writer.md runner-customer.md judge.md fixer.md
var embedded embed.FS

// Prompt is one agent's prompt.
type Prompt struct {
	Name        string // the front matter's name, e.g. caas-sim-writer
	Description string
	Tools       []string // tools the agent may use (fixer: Read, Grep, Glob)
	Body        string   // the system prompt, front matter removed
	File        string   // where it was read from
}

// Load returns the embedded prompt of an agent (one of Names).
func Load(name string) (Prompt, error) {
	data, err := embedded.ReadFile(name + ".md")
	if err != nil {
		return Prompt{}, fmt.Errorf("no prompt %q; the prompts are %s", name, strings.Join(Names, ", "))
	}
	return Parse("sim/prompts/"+name+".md", data)
}

// LoadDir reads an agent's prompt from dir/<name>.md: an edited copy.
func LoadDir(dir, name string) (Prompt, error) {
	path := filepath.Join(dir, name+".md")
	data, err := os.ReadFile(path)
	if err != nil {
		return Prompt{}, fmt.Errorf("reading prompt: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a prompt file: a front matter between two --- lines (name,
// description, tools), then the body.
func Parse(file string, data []byte) (Prompt, error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return Prompt{}, fmt.Errorf("%s: no front matter; start the file with a --- line, name: and description:, and another --- line", file)
	}
	head, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return Prompt{}, fmt.Errorf("%s: the front matter is not closed; end it with a --- line", file)
	}
	var fm struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		Tools       string `yaml:"tools"`
	}
	// Decoded with its opening --- line, which YAML reads as the start of a
	// document, so the lines in messages are the file's own. An empty front
	// matter is left to the name: check below, which says what to write.
	if len(bytes.TrimSpace(head)) > 0 {
		if err := strictyaml.Decode(file, data[:len("---\n")+len(head)], &fm); err != nil {
			return Prompt{}, err
		}
	}
	p := Prompt{Name: fm.Name, Description: fm.Description, Body: strings.TrimSpace(string(body)), File: file}
	for _, t := range strings.Split(fm.Tools, ",") {
		if t = strings.TrimSpace(t); t != "" {
			p.Tools = append(p.Tools, t)
		}
	}
	switch {
	case p.Name == "":
		return Prompt{}, fmt.Errorf("%s: front matter: name: missing; name the agent, e.g. name: caas-sim-writer", file)
	case p.Description == "":
		return Prompt{}, fmt.Errorf("%s: front matter: description: missing; say in one sentence what the agent does", file)
	case p.Body == "":
		return Prompt{}, fmt.Errorf("%s: the prompt is empty after the front matter; write it", file)
	}
	return p, nil
}
