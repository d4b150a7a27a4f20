package scenario

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Marshal encodes the scenario as a scenario file (two-space indent, the
// schema's field order), which Load reads back to an equal Scenario.
func (s *Scenario) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode scenario %s: %w", s.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode scenario %s: %w", s.ID, err)
	}
	return buf.Bytes(), nil
}
