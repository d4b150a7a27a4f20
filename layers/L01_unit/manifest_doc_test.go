package l01unit_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// manifestDoc is a manifest file as a YAML tree, ${VAR} references and all,
// so a test can break one field of the bot's real manifest and write the
// copy out for testutil.Bots().LoadFile.
type manifestDoc struct {
	root *yaml.Node // the top-level mapping
}

func readManifestDoc(t *testing.T, path string) *manifestDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(data, &doc), "%s does not parse as YAML", path)
	require.Equal(t, yaml.DocumentNode, doc.Kind)
	require.Equal(t, yaml.MappingNode, doc.Content[0].Kind, "%s is not a mapping", path)
	return &manifestDoc{root: doc.Content[0]}
}

// node finds the value at path: mapping keys, or "[i]" for a sequence item.
// It returns nil when the path is not there.
func (d *manifestDoc) node(path ...string) *yaml.Node {
	n := d.root
	for _, p := range path {
		switch {
		case strings.HasPrefix(p, "[") && n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(strings.Trim(p, "[]"))
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		case n.Kind == yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					next = n.Content[i+1]
				}
			}
			if next == nil {
				return nil
			}
			n = next
		default:
			return nil
		}
	}
	return n
}

func (d *manifestDoc) must(t *testing.T, path ...string) *yaml.Node {
	t.Helper()
	n := d.node(path...)
	require.NotNil(t, n, "the manifest has no %s", strings.Join(path, "."))
	return n
}

// set replaces the scalar at path (adding the last key to its mapping when
// it is missing).
func (d *manifestDoc) set(t *testing.T, value string, path ...string) {
	t.Helper()
	if n := d.node(path...); n != nil {
		*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: yaml.DoubleQuotedStyle}
		return
	}
	parent := d.must(t, path[:len(path)-1]...)
	require.Equal(t, yaml.MappingNode, parent.Kind, "%s is not a mapping", strings.Join(path[:len(path)-1], "."))
	parent.Content = append(parent.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: path[len(path)-1]},
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: yaml.DoubleQuotedStyle})
}

// setInt replaces the scalar at path with a number.
func (d *manifestDoc) setInt(t *testing.T, value int, path ...string) {
	t.Helper()
	n := d.must(t, path...)
	*n = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(value)}
}

// appendScalar adds a string to the sequence at path and returns its index.
func (d *manifestDoc) appendScalar(t *testing.T, value string, path ...string) int {
	t.Helper()
	n := d.must(t, path...)
	require.Equal(t, yaml.SequenceNode, n.Kind, "%s is not a list", strings.Join(path, "."))
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Style: yaml.SingleQuotedStyle})
	return len(n.Content) - 1
}

// appendNode adds a YAML snippet (e.g. a flow mapping) to the sequence at
// path and returns its index.
func (d *manifestDoc) appendNode(t *testing.T, snippet string, path ...string) int {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(snippet), &doc))
	n := d.must(t, path...)
	require.Equal(t, yaml.SequenceNode, n.Kind, "%s is not a list", strings.Join(path, "."))
	n.Content = append(n.Content, doc.Content[0])
	return len(n.Content) - 1
}

// remove deletes the key at path from its mapping.
func (d *manifestDoc) remove(t *testing.T, path ...string) {
	t.Helper()
	parent := d.must(t, path[:len(path)-1]...)
	key := path[len(path)-1]
	for i := 0; i+1 < len(parent.Content); i += 2 {
		if parent.Content[i].Value == key {
			parent.Content = append(parent.Content[:i], parent.Content[i+2:]...)
			return
		}
	}
	t.Fatalf("the manifest has no %s to remove", strings.Join(path, "."))
}

// write saves the document as dir/<name>.yaml, the file name a manifest
// named name must have, and returns its path.
func (d *manifestDoc) write(t *testing.T, dir, name string) string {
	t.Helper()
	d.set(t, name, "name")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	require.NoError(t, enc.Encode(d.root))
	require.NoError(t, enc.Close())
	path := filepath.Join(dir, name+".yaml")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return path
}

// lineOf is line n (1-based) of the file, for failure messages.
func lineOf(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return fmt.Sprintf("(no line %d in %s)", n, path)
	}
	return lines[n-1]
}
