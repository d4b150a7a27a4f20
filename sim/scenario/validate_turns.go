package scenario

import (
	"fmt"
	"strings"
)

// validateTurn checks what a turn of its kind needs (the shape of the file
// was checked when it was read: unknown keys, a list where a title
// belongs).
func validateTurn(at string, t Turn, add adder) {
	switch t.Type() {
	case TurnText:
		if strings.TrimSpace(t.Text) == "" {
			add(at, "empty", "write the message or remove the item")
		}
	case TurnButton:
		if strings.TrimSpace(t.Text) == "" {
			add(at+".button", "no title", "write the title of the button or list row the customer taps, as the bot shows it")
		}
	case TurnDocument:
		if strings.TrimSpace(t.Filename) == "" {
			add(at+".document", "no file name", "name the file the customer sends, e.g. document: factura-luz.pdf (its extension gives the MIME type)")
		}
	case TurnLocation:
		validatePlace(at, t.Place, add)
	case TurnBurst:
		validateBurst(at, t.Burst, add)
	case TurnAudio, TurnImage:
	default:
		add(at, fmt.Sprintf("%q is not a kind of turn", t.Kind), "use one of: "+strings.Join(TurnKinds, ", "))
	}
}

func validatePlace(at string, p *Place, add adder) {
	if p == nil {
		add(at+".location", "missing", "write location: {latitude: 40.4168, longitude: -3.7038}")
		return
	}
	if p.Latitude < -90 || p.Latitude > 90 {
		add(at+".location.latitude", fmt.Sprintf("%g is outside -90..90", p.Latitude), "give the latitude in degrees, e.g. 40.4168")
	}
	if p.Longitude < -180 || p.Longitude > 180 {
		add(at+".location.longitude", fmt.Sprintf("%g is outside -180..180", p.Longitude), "give the longitude in degrees, e.g. -3.7038")
	}
}

func validateBurst(at string, msgs []string, add adder) {
	switch n := len(msgs); {
	case n < MinBurst:
		add(at+".burst", fmt.Sprintf("%d message(s); a burst is at least %d", n, MinBurst), "list the messages sent one after the other, or make it a text turn")
	case n > MaxBurst:
		add(at+".burst", fmt.Sprintf("%d messages; a burst is at most %d", n, MaxBurst), "split it into two turns, or keep the messages that matter")
	}
	for i, m := range msgs {
		if strings.TrimSpace(m) == "" {
			add(fmt.Sprintf("%s.burst[%d]", at, i), "empty", "write the message or remove the item")
		}
	}
}
