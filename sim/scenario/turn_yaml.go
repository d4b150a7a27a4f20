package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// A turn is a plain string or a mapping with exactly one kind key, so it
// decodes itself. decodeTurn is its one reader: UnmarshalYAML keeps the
// value, Parse reads the same nodes again for the problems and the lines
// (a Turn is a plain value: two equal turns compare equal wherever they
// came from).

// turnProblem is something wrong with one turn; field is relative to it
// ("" for the turn itself, "caption", "burst[2]").
type turnProblem struct {
	field, msg, fix string
	line            int
}

// turnKeys are the keys a turn mapping may hold beside its kind key, and
// the kinds each belongs to.
var turnKeys = map[string][]string{
	"caption": {TurnImage, TurnDocument},
	"list":    {TurnButton},
	"id":      {TurnButton},
}

var placeKeys = []string{"latitude", "longitude", "name", "address"}

// UnmarshalYAML implements yaml.Unmarshaler. It never fails: what is wrong
// is reported, with lines, by Parse.
func (t *Turn) UnmarshalYAML(n *yaml.Node) error {
	*t, _, _ = decodeTurn(n)
	return nil
}

// decodeTurn reads one item of a scenario's turns list: the turn, what is
// wrong with it, and the line of each of its fields (relative paths).
func decodeTurn(n *yaml.Node) (Turn, []turnProblem, map[string]int) {
	d := turnDecoder{lines: map[string]int{}}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return Text(scalarText(n)), nil, d.lines
	case yaml.MappingNode:
		return d.mapping(n), d.probs, d.lines
	}
	d.bad(n, "", "a list where a turn belongs", turnShapeFix)
	return Turn{}, d.probs, d.lines
}

const turnShapeFix = `write a text as a string, or one of: text: ..., audio: voice|file, image: <caption>, document: <file name>, location: {latitude: .., longitude: ..}, button: <title>, burst: [..]`

type turnDecoder struct {
	probs []turnProblem
	lines map[string]int
}

func (d *turnDecoder) bad(n *yaml.Node, field, msg, fix string) {
	d.probs = append(d.probs, turnProblem{field: field, msg: msg, fix: fix, line: n.Line})
}

func (d *turnDecoder) mapping(n *yaml.Node) Turn {
	var t Turn
	vals := map[string]*yaml.Node{}
	var kinds []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		k := key.Value
		if _, dup := vals[k]; dup {
			d.bad(key, k, fmt.Sprintf("defined twice (first at line %d)", d.lines[k]), "keep one of them")
			continue
		}
		_, modifier := turnKeys[k]
		switch {
		case isKind(k):
			kinds = append(kinds, k)
		case !modifier:
			d.bad(key, k, "unknown field", "a turn holds one of "+strings.Join(TurnKinds, ", ")+" and, for some, caption (image, document), list and id (button)")
			continue
		}
		vals[k], d.lines[k] = val, key.Line
	}
	switch len(kinds) {
	case 0:
		d.bad(n, "", "no kind", turnShapeFix)
		return t
	case 1:
	default:
		d.bad(n, kinds[1], fmt.Sprintf("a turn of two kinds (%s)", strings.Join(kinds, ", ")), "split it into one turn per kind, in the order they are sent")
		return t
	}
	t.Kind = kinds[0]
	d.kindValue(&t, vals[t.Kind])
	for k, v := range vals {
		owners, modifier := turnKeys[k]
		if !modifier {
			continue
		}
		if !contains(owners, t.Kind) {
			d.bad(v, k, fmt.Sprintf("does not apply to a %s turn", t.Kind), "remove it; it belongs to "+strings.Join(owners, " and ")+" turns")
			continue
		}
		d.modifier(&t, k, v)
	}
	return t
}

func isKind(k string) bool { return contains(TurnKinds, k) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kindValue reads the value of the kind key.
func (d *turnDecoder) kindValue(t *Turn, v *yaml.Node) {
	k := t.Kind
	switch k {
	case TurnText, TurnButton, TurnDocument:
		if s, ok := d.scalar(v, k); ok {
			if k == TurnDocument {
				t.Filename = s
			} else {
				t.Text = s
			}
		}
	case TurnImage:
		t.Text, _ = d.scalar(v, k) // the caption; image: with nothing after it is a photo without one
	case TurnAudio:
		switch s, _ := d.scalar(v, k); s {
		case "", "voice":
			t.Voice = true
		case "file":
		default:
			d.bad(v, k, fmt.Sprintf("%q is not an audio kind", s), "write audio: voice (a voice note recorded in WhatsApp) or audio: file (an attached audio file)")
		}
	case TurnLocation:
		t.Place = d.place(v)
	case TurnBurst:
		if v.Kind != yaml.SequenceNode {
			d.bad(v, k, "not a list", "list the messages sent one after the other, e.g. burst: [hola, rapido, q tengo prisa]")
			return
		}
		t.Burst = []string{}
		for i, item := range v.Content {
			field := fmt.Sprintf("%s[%d]", k, i)
			d.lines[field] = item.Line
			if s, ok := d.scalar(item, field); ok {
				t.Burst = append(t.Burst, s)
			}
		}
	}
}

func (d *turnDecoder) modifier(t *Turn, k string, v *yaml.Node) {
	s, ok := d.scalar(v, k)
	if !ok {
		return
	}
	switch k {
	case "caption":
		t.Text = s
	case "id":
		t.ID = s
	case "list":
		b, err := strconv.ParseBool(s)
		if err != nil {
			d.bad(v, k, fmt.Sprintf("%q is not true or false", s), "write list: true to tap a row of a list message")
			return
		}
		t.List = b
	}
}

func (d *turnDecoder) place(v *yaml.Node) *Place {
	if v.Kind != yaml.MappingNode {
		d.bad(v, TurnLocation, "not a mapping", "write location: {latitude: 40.4168, longitude: -3.7038} (name and address optional)")
		return nil
	}
	p := &Place{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		key, val := v.Content[i], v.Content[i+1]
		field := TurnLocation + "." + key.Value
		d.lines[field] = key.Line
		if !contains(placeKeys, key.Value) {
			d.bad(key, field, "unknown field", "a location holds "+strings.Join(placeKeys, ", "))
			continue
		}
		seen[key.Value] = true
		s, ok := d.scalar(val, field)
		if !ok {
			continue
		}
		switch key.Value {
		case "name":
			p.Name = s
		case "address":
			p.Address = s
		default:
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				d.bad(val, field, fmt.Sprintf("%q is not a number", s), "write degrees as a decimal number, e.g. 40.4168")
				continue
			}
			if key.Value == "latitude" {
				p.Latitude = f
			} else {
				p.Longitude = f
			}
		}
	}
	for _, k := range []string{"latitude", "longitude"} {
		if !seen[k] {
			d.bad(v, TurnLocation+"."+k, "missing", "give the pin's "+k+" in degrees, e.g. {latitude: 40.4168, longitude: -3.7038}")
		}
	}
	return p
}

// scalar is a single value's text, or a problem when the node is a list
// or a mapping.
func (d *turnDecoder) scalar(v *yaml.Node, field string) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		d.bad(v, field, "a list or mapping where a single value belongs", "write one value here")
		return "", false
	}
	return scalarText(v), true
}

// scalarText is a scalar as written; a bare key (null) is "".
func scalarText(n *yaml.Node) string {
	if n.ShortTag() == "!!null" {
		return ""
	}
	return n.Value
}

// MarshalYAML implements yaml.Marshaler: a text as a plain string, any
// other turn as its mapping, so Marshal writes what a person would.
func (t Turn) MarshalYAML() (any, error) {
	k := t.Type()
	if k == TurnText {
		return t.Text, nil
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, val *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, val)
	}
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	switch k {
	case TurnAudio:
		kind := "file"
		if t.Voice {
			kind = "voice"
		}
		add(k, str(kind))
	case TurnImage, TurnButton:
		add(k, str(t.Text))
	case TurnDocument:
		add(k, str(t.Filename))
		if t.Text != "" {
			add("caption", str(t.Text))
		}
	case TurnLocation:
		p := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
		place := Place{}
		if t.Place != nil {
			place = *t.Place
		}
		num := func(f float64) *yaml.Node {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'f', -1, 64)}
		}
		p.Content = append(p.Content, str("latitude"), num(place.Latitude), str("longitude"), num(place.Longitude))
		if place.Name != "" {
			p.Content = append(p.Content, str("name"), str(place.Name))
		}
		if place.Address != "" {
			p.Content = append(p.Content, str("address"), str(place.Address))
		}
		add(k, p)
	case TurnBurst:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range t.Burst {
			seq.Content = append(seq.Content, str(s))
		}
		add(k, seq)
	default:
		add(k, str(t.Text)) // an unknown kind is kept as written, for Validate to report
	}
	if k == TurnButton {
		if t.List {
			add("list", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		if t.ID != "" {
			add("id", str(t.ID))
		}
	}
	return m, nil
}
