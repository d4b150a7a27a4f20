package bots

import (
	"fmt"
	"strings"
)

// observe: the queries the framework needs exist, and each one is tied to
// the customer phone, so no test ever reads another customer; a reset
// statement must have the one shape that deletes only that phone's rows
// (validate_reset.go).
func (v *validator) observe() {
	o := v.m.Observe
	if !o.GraphCapture {
		if o.RepliesSQL == "" {
			v.add("observe.replies_sql", "missing", "give the SQL returning (id, body) of outbound messages for phone $1 after id $2, or set observe.graph_capture: true")
		}
		if o.SessionSQL == "" {
			v.add("observe.session_sql", "missing", "give the SQL returning (state, phase, language, opted_out) for phone $1")
		}
	}
	queries := []struct {
		field, sql string
		params     int
	}{
		{"observe.replies_sql", o.RepliesSQL, 2},
		{"observe.inbound_sql", o.InboundSQL, 2},
		{"observe.turn_done_sql", o.TurnDoneSQL, 2},
		{"observe.session_sql", o.SessionSQL, 1},
		{"observe.session_data_sql", o.SessionDataSQL, 1},
		{"observe.phases_sql", o.PhasesSQL, 1},
		{"observe.consent_sql", o.ConsentSQL, 1},
		{"observe.payments_sql", o.PaymentsSQL, 1},
		{"observe.receipt_sql", o.ReceiptSQL, 1},
		{"observe.personal_data_sql", o.PersonalDataSQL, 1},
	}
	for i, s := range o.ResetSQL {
		if problem, fix := resetStatement(s); problem != "" {
			v.add(fmt.Sprintf("observe.reset_sql[%d]", i), problem, fix)
		}
	}
	for _, q := range queries {
		if q.sql == "" {
			continue
		}
		if !strings.Contains(q.sql, "$1") {
			v.add(q.field, "does not use $1 (the phone)", "filter by the customer phone, passed as $1")
		}
		if q.params == 2 && !strings.Contains(q.sql, "$2") {
			fix := "return only rows after the cursor id, passed as $2"
			if q.field == "observe.turn_done_sql" {
				fix = "compare with the inbound WhatsApp message id, passed as $2"
			}
			v.add(q.field, "does not use $2", fix)
		}
	}
}
