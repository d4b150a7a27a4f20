package refbot

import "testing"

func TestMaskPII(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"masks a DNI keeping the last three digits and the letter", "mi DNI es 12345678Z", "mi DNI es *****678Z"},
		{"masks a lowercase DNI with a dash", "dni 87654321-x gracias", "dni *****321-x gracias"},
		{"masks an NIE", "NIE: X1234567L", "NIE: *****567L"},
		{"masks an NIE with separators", "mi nie es Y-7654321-G", "mi nie es *-****321-G"},
		{"masks a grouped Spanish IBAN keeping country and last four", "IBAN ES91 2100 0418 4502 0005 1332 ok", "IBAN ES** **** **** **** **** 1332 ok"},
		{"masks an IBAN typed run together", "es9121000418450200051332", "es******************1332"},
		{"masks a German IBAN", "DE89 3704 0044 0532 0130 00", "DE** **** **** **** **30 00"},
		{"masks a 16-digit card with spaces", "tarjeta 4111 1111 1111 1111 caduca", "tarjeta **** **** **** 1111 caduca"},
		{"masks a 15-digit Amex with dashes", "3782-822463-10005", "****-******-*0005"},
		{"masks a 19-digit card run together", "6011000990139424123", "***************4123"},
		{"masks a DNI written with dots", "dni 45.127.893-f", "dni **.***.893-f"},
		{"masks a DNI written in groups", "Os paso el DNI: 70 984 512 A, a nombre de mi madre", "Os paso el DNI: ** *** 512 A, a nombre de mi madre"},
		{"masks an NIE written with dots", "X-1.234.567-L", "*-*.***.567-L"},
		{"masks a card split over two lines", "los numeros son 4000 0566\n5566 5556\ny el cvv luego", "los numeros son **** ****\n**** 5556\ny el cvv luego"},
		{"masks several identifiers in one message", "soy 12345678Z, IBAN ES7921000813610123456789", "soy *****678Z, IBAN ES******************6789"},
		{"leaves a phone number alone", "llámame al +34 600 090 012", "llámame al +34 600 090 012"},
		{"leaves a 12-digit number alone", "pedido 123456789012", "pedido 123456789012"},
		{"leaves ordinary words alone", "quiero viajar a Lisboa en mayo", "quiero viajar a Lisboa en mayo"},
		{"leaves a receipt reference alone", "mi referencia es R-1a2b3c4d", "mi referencia es R-1a2b3c4d"},
		{"leaves consumption figures alone", "gasto 350 kWh al mes, potencia 4.6 kW", "gasto 350 kWh al mes, potencia 4.6 kW"},
		{"leaves empty text alone", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := maskPII(c.in); got != c.want {
				t.Errorf("maskPII(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
