package refbot_test

import (
	"encoding/json"
	"strconv"
	"time"
)

// WhatsApp Cloud API deliveries (docs/webhooks.md §1), built here from the
// documented shapes rather than from the bot's own types, so a
// misunderstanding in the bot is not mirrored in its tests.

type object = map[string]any

func message(phone, wamid, kind string, content any) object {
	m := object{"from": phone, "id": wamid, "timestamp": strconv.FormatInt(time.Now().Unix(), 10), "type": kind}
	if content != nil {
		m[kind] = content
	}
	return m
}

func textMessage(phone, wamid, text string) object {
	return message(phone, wamid, "text", object{"body": text})
}

// messagesValue is the value of a "messages" change holding msgs, sent to
// our usual business number.
func messagesValue(msgs ...object) object { return messagesValueTo(businessPhoneID, msgs...) }

// messagesValueTo is messagesValue for another business number.
func messagesValueTo(businessID string, msgs ...object) object {
	v := object{
		"messaging_product": "whatsapp",
		"metadata":          object{"display_phone_number": "15550783881", "phone_number_id": businessID},
		"messages":          msgs,
	}
	if len(msgs) > 0 {
		v["contacts"] = []object{{"profile": object{"name": "Test Customer"}, "wa_id": msgs[0]["from"]}}
	}
	return v
}

func change(field string, value object) object { return object{"field": field, "value": value} }

func entry(changes ...object) object {
	return object{"id": "102290129340398", "changes": changes}
}

// delivery is a whole webhook body with the given entries.
func delivery(entries ...object) []byte {
	b, err := json.Marshal(object{"object": "whatsapp_business_account", "entry": entries})
	if err != nil {
		panic(err)
	}
	return b
}

// envelope is the common case: one entry, one change, these messages.
func envelope(msgs ...object) []byte {
	return delivery(entry(change("messages", messagesValue(msgs...))))
}

func statusValue(statuses ...string) object {
	var list []object
	for _, s := range statuses {
		list = append(list, object{"id": "wamid.refbot.sent" + s, "status": s, "timestamp": "1749416700", "recipient_id": "34600099999"})
	}
	return object{
		"messaging_product": "whatsapp",
		"metadata":          object{"display_phone_number": "15550783881", "phone_number_id": businessPhoneID},
		"statuses":          list,
	}
}

// stripeCheckoutCompleted is a checkout.session.completed event paying
// amount (minor units) for phone.
func stripeCheckoutCompleted(eventID, phone string, amount int64, paymentStatus string) []byte {
	ev := object{
		"id": eventID, "object": "event", "type": "checkout.session.completed",
		"api_version": "2025-08-27.basil", "created": time.Now().Unix(), "livemode": false,
		"data": object{"object": object{
			"id": "cs_test_" + randomHex(12), "object": "checkout.session",
			"amount_total": amount, "currency": "eur", "client_reference_id": "wa:" + phone,
			"metadata": object{"wa_id": phone}, "mode": "payment", "payment_status": paymentStatus, "status": "complete",
		}},
	}
	b, err := json.Marshal(ev)
	if err != nil {
		panic(err)
	}
	return b
}

func newEventID() string { return "evt_test_" + randomHex(12) }
