package judge

import "github.com/caas-testing/caas-testing/sim/transcript"

// mediaTypes are the turn types that carry no text of the customer's: a
// voice note, a photo, a document, a location. A button tap carries its
// title, a burst its messages; both are text to the judge.
var mediaTypes = set("audio", "image", "document", "location")

// isMedia reports whether a turn sent something other than text.
func isMedia(tn transcript.Turn) bool { return mediaTypes[tn.Type] }

// said is what the customer wrote in a turn, for the rules that read the
// customer's words: "" for a media turn, whose Customer field is only the
// runner's description of what it sent, never words of the customer.
func said(tn transcript.Turn) string {
	if isMedia(tn) {
		return ""
	}
	return tn.Customer
}

// shown is the customer's side of a turn as evidence quotes it: the text,
// or what was sent ("(audio)") when there is none.
func shown(tn transcript.Turn) string {
	switch {
	case !isMedia(tn):
		return tn.Customer
	case tn.Customer != "":
		return "(" + tn.Type + ") " + tn.Customer
	}
	return "(" + tn.Type + ")"
}
