package judge

import (
	"regexp"
	"strings"
)

// handoffWords are the judge's own ways, per language, of saying "a person
// will take over": the people a customer can be passed to and the verbs
// of passing them on. They are generic wording, not any one bot's, and
// negation-aware ("no puedo pasarte con una persona" offers nobody). The
// manifest adds its own words: its `human` utterances, quoted in a reply
// ("escribe «hablar con una persona»"), tell the customer how to reach one.
var handoffWords = map[string]patterns{
	"es": builtin(true,
		`(?i)\b(una|otra) persona\b`,
		`(?i)\b(agente|asesora?|compañer[oa]|operadora?|gestora?|humano|humana|alguien del equipo|alguien de nuestro equipo|equipo humano|atención al cliente)\b`,
		`(?i)\b(te|le|os) (paso|pasamos|transfiero|derivo|pongo en contacto|ponemos en contacto)\b`,
		`(?i)\b(paso|pasamos|transfiero|derivo) (tu|su) (conversación|caso|consulta|solicitud)\b`),
	"en": builtin(true,
		`(?i)\b(a|another|one) (real |live )?(person|human)\b`,
		`(?i)\b(agent|advisor|adviser|colleague|operator|representative|team member|customer service|support team)\b`,
		`(?i)\bsomeone (from|on|in) (our|the) [\p{L} ]{0,30}team\b`,
		`(?i)\b(pass|passing|transfer|transferring|hand|handing|put|putting|connect|connecting|forward|forwarding) (you|your (conversation|case|chat|request)) (through |over )?(to|with)\b`),
	"pt": builtin(true,
		`(?i)\b(uma pessoa|um humano|um atendente|uma atendente|um agente|um colega|um consultor|uma consultora|atendimento humano|nossa equipe|nossa equipa)\b`,
		`(?i)\b(transfiro|transferir|encaminho|encaminhar|passo) (voc|a sua conversa|o seu caso|sua conversa)`),
	"fr": builtin(true,
		`(?i)\b(une personne|un humain|un conseiller|une conseillère|un agent|un opérateur|une opératrice|un collègue|notre équipe|service client)\b`,
		`(?i)\b(je vous (passe|transfère|mets en relation)|transférer votre (conversation|demande))\b`),
	"de": builtin(true,
		`(?i)\b(einen? Mitarbeiter(in)?|einen Menschen|eine Person|einen? Berater(in)?|unser(em)? Team|Kolleg(e|in|en)|Kundenservice)\b`,
		`(?i)\b(leite|verbinde) (Sie|dich|Ihre Anfrage|Ihr Gespr)`),
	"it": builtin(true,
		`(?i)\b(una persona|un operatore|un'operatrice|un consulente|un agente|un umano|un collega|il nostro team|servizio clienti)\b`,
		`(?i)\b(ti|la|vi) (passo|trasferisco|metto in contatto)\b`),
}

// handoffLanguages are the languages of handoffWords, in a fixed order.
var handoffLanguages = []string{"es", "en", "pt", "fr", "de", "it"}

// verdict is what the judge can say a reply did.
type verdict int

const (
	didNot verdict = iota
	did
	cannotTell // the reply is in words the judge cannot read
)

// humanUtterances are the manifest's `human` utterances as patterns on
// folded text, one per example, in every language the manifest gives.
func humanUtterances(m map[string]map[string][]string) patterns {
	var ps patterns
	for _, byLang := range m["human"] {
		for _, ex := range byLang {
			ws := strings.Fields(words(ex))
			if len(ws) == 0 {
				continue
			}
			for i, w := range ws {
				ws[i] = regexp.QuoteMeta(w)
			}
			// Not \b, which is ASCII only: an utterance may be in any script.
			expr := `(?:^|[^\p{L}\p{N}])` + strings.Join(ws, `[^\p{L}\p{N}]+`) + `(?:[^\p{L}\p{N}]|$)`
			ps = append(ps, pattern{re: regexp.MustCompile(expr), guarded: true})
		}
	}
	return ps
}

// offersHandoff says whether the replies offer the customer a person: yes
// when one does, in the judge's words or the manifest's; no when none does
// and the judge can read them (silence offers nobody); cannotTell when a
// reply it cannot read may be the offer.
func (in *input) offersHandoff(replies []string) verdict {
	replies = nonEmpty(replies)
	for _, rep := range replies {
		if in.namesAPerson(rep) {
			return did
		}
	}
	for _, rep := range replies {
		if !readable(rep) {
			return cannotTell
		}
	}
	return didNot
}

// namesAPerson: one reply offers a person. A reply that claims to be one
// ("I'm a real person") offers nobody, whatever words it shares with an
// offer.
func (in *input) namesAPerson(reply string) bool {
	if _, _, claims := in.humanClaims.find(reply); claims {
		return false
	}
	for _, lang := range handoffLanguages {
		if _, _, ok := handoffWords[lang].find(reply); ok {
			return true
		}
	}
	_, _, ok := in.handoffUtterances.find(fold(reply))
	return ok
}
