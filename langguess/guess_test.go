package langguess

import "testing"

func TestGuessTellsSpanishFromEnglishReplies(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Hecho: te he dado de baja y no te enviaré más mensajes. Si algún día quieres volver, escribe ALTA.", "es"},
		{"Done: you are unsubscribed and I won't send you any more messages. If you ever want to come back, write START.", "en"},
		{"Soy Leo, un asistente virtual: un programa de inteligencia artificial, no una persona.", "es"},
		{"I'm Leo, a virtual assistant: an artificial intelligence (AI) program, not a human.", "en"},
		{"Of course! Let's continue in English.", "en"},
		{"OK 👍", ""},                       // nothing to go by
		{"Iberdrola, Endesa, Naturgy", ""}, // names are no language
		{"the data de la reserva", ""},     // two of each: too mixed to tell
	}
	for _, c := range cases {
		if got := Guess(c.text); got != c.want {
			t.Errorf("Guess(%q) = %q, want %q (scores %v)", c.text, got, c.want, Scores(c.text))
		}
	}
}
