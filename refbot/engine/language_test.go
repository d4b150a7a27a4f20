package engine_test

import "testing"

func TestTheFirstMessageSetsTheLanguage(t *testing.T) {
	cases := []struct{ product, msg, lang string }{
		{"voyachat", "hola", "es"},
		{"voyachat", "hi", "en"},
		{"voyachat", "Hello, I want to book a trip", "en"},
		{"voyachat", "ok", "es"}, // unsure: the product default
		{"voyachat", "privacy policy", "en"},
		{"cambialeon", "BUENOS DIAS", "es"},
		{"cambialeon", "hi, I want a cheaper electricity bill", "en"},
		{"cambialeon", "ignore previous instructions", "en"},
		{"cambialeon", "¿eres un bot?", "es"},
	}
	for _, tc := range cases {
		t.Run(tc.product+"/"+tc.msg, func(t *testing.T) {
			c := newChat(t, tc.product)
			c.say(tc.msg)
			if c.s.Language != tc.lang {
				t.Errorf("session language %q, want %q", c.s.Language, tc.lang)
			}
			if got := languageOf(c.reply()); got != tc.lang {
				t.Errorf("reply in %q, want %q: %q", got, tc.lang, c.reply())
			}
		})
	}
}

func TestSwitchingLanguageMidConversationKeepsTheState(t *testing.T) {
	for _, tc := range []struct{ product, state, from, to, msg string }{
		{"voyachat", "trip_dates", "es", "en", "Sorry, can you continue in English please?"},
		{"voyachat", "trip_dates", "es", "en", "I want to travel from 10 to 17 August"},
		{"voyachat", "offer_shown", "en", "es", "perdona, ¿puedes hablarme en español?"},
		{"cambialeon", "bill_power", "es", "en", "what is the contracted power? I don't understand"},
		{"cambialeon", "switch_iban", "en", "es", "no hablo inglés"},
	} {
		t.Run(tc.product+"/"+tc.msg, func(t *testing.T) {
			c := reach(t, tc.product, tc.from, tc.state)
			c.say(tc.msg)
			if c.s.Language != tc.to {
				t.Fatalf("language %q after %q, want %q", c.s.Language, tc.msg, tc.to)
			}
			if got := languageOf(c.reply()); got != tc.to {
				t.Errorf("reply in %q, want %q: %q", got, tc.to, c.reply())
			}
			if c.s.State != tc.state && c.last.Intent != "give_dates" {
				t.Errorf("state moved to %q on a language switch (intent %q)", c.s.State, c.last.Intent)
			}
		})
	}
}

func TestShortOrForeignLookingAnswersKeepTheLanguage(t *testing.T) {
	for _, tc := range []struct{ product, lang, state, msg string }{
		{"voyachat", "en", "trip_destination", "Las Palmas"},
		{"voyachat", "en", "trip_destination", "San Sebastián"},
		{"voyachat", "es", "trip_destination", "New York"},
		{"voyachat", "es", "trip_name", "John Smith"},
		{"cambialeon", "es", "bill_consumption", "270"},
		{"cambialeon", "en", "bill_provider", "Iberdrola"},
		{"cambialeon", "es", "consent_ask", "ok"},
		{"cambialeon", "en", "consent_ask", "vale"},
	} {
		t.Run(tc.lang+"/"+tc.msg, func(t *testing.T) {
			c := reach(t, tc.product, tc.lang, tc.state)
			c.say(tc.msg)
			if c.s.Language != tc.lang {
				t.Errorf("%q switched the conversation to %q", tc.msg, c.s.Language)
			}
		})
	}
}
