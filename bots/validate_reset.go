package bots

import "fmt"

// resetShape is the one fix every refused reset statement gets: the shape
// a statement must have for the suite to run it against a database that
// also holds real customers.
const resetShape = "write delete from <table> where <phone column> = $1 (narrowed further only with and …), or update <table> set … where <phone column> = $1"

// resetStatement says what is wrong with one observe.reset_sql statement,
// or "" when it is shaped delete from <table> where <col> = $1 [and …] or
// update <table> set … where <col> = $1 [and …]. The suite runs these with
// a test phone as $1 on the bot's own database, where real customers live
// too, so only a statement whose rows are picked by that phone first, and
// never widened again, may pass: "where phone <> $1" mentions $1 as well.
// The check reads the tokens, not the meaning; caas bots --check then runs
// each statement for a phone that has no rows and counts what it touches.
func resetStatement(sql string) (problem, fix string) {
	toks, err := sqlTokens(sql)
	if err != nil {
		return err.problem, err.fix
	}
	if n := len(toks); n > 0 && toks[n-1].is(";") {
		toks = toks[:n-1]
	}
	for _, t := range toks {
		switch {
		case t.is(";"):
			return "holds more than one statement", "give each statement its own item of the list; " + resetShape
		case t.kind == tokWord && widening[t.text]:
			return fmt.Sprintf("uses %q, which can reach rows of other phones", t.text), resetShape
		case t.kind == tokOp && (t.text == "<>" || t.text == "!="):
			return fmt.Sprintf("uses %q, which selects the rows of every other phone", t.text), resetShape
		}
	}
	if len(toks) == 0 {
		return "empty statement", "remove it, or " + resetShape
	}
	p := &tokenReader{toks: toks}
	switch first := p.next(); {
	case first.isWord("delete"):
		if !p.next().isWord("from") || p.name() == "" {
			return "is not shaped delete from <table> where …", resetShape
		}
		p.alias()
		if !p.next().isWord("where") {
			return "has no where: it would delete every customer's rows", resetShape
		}
		_, why := p.phoneTerm()
		return why, resetShape
	case first.isWord("update"):
		return updateStatement(p)
	case first.isWord("truncate"), first.isWord("drop"), first.isWord("alter"):
		return fmt.Sprintf("%s reaches every customer's rows, not one phone's", first.text), resetShape
	default:
		return fmt.Sprintf("starts with %q: a reset is a delete or an update", first.text), resetShape
	}
}

// widening are the words that can turn "rows of the phone $1" into more
// rows. They are refused anywhere in a reset statement, which needs none of
// them: a reset narrows, and only with and.
var widening = map[string]bool{"or": true, "not": true, "in": true, "any": true, "all": true, "using": true, "with": true, "union": true}

// updateStatement checks update <table> set … where <col> = $1 [and …]:
// the bot's equivalent of a delete (clearing a row it keeps). An update
// that writes the phone column moves the rows to another phone, so it is
// refused.
func updateStatement(p *tokenReader) (problem, fix string) {
	if p.name() == "" {
		return "is not shaped update <table> set … where …", resetShape
	}
	p.alias()
	if !p.next().isWord("set") {
		return "is not shaped update <table> set … where …", resetShape
	}
	set := p.untilWhere()
	if !p.next().isWord("where") {
		return "has no where: it would update every customer's rows", resetShape
	}
	col, why := p.phoneTerm()
	if why != "" {
		return why, resetShape
	}
	for _, assigned := range assignedColumns(set) {
		if assigned == col {
			return fmt.Sprintf("sets %s, the column that picks the phone: the rows would move to another phone", col), "clear the row's other columns, or " + resetShape
		}
	}
	return "", ""
}

// phoneTerm reads the where clause: <col> = $1 (a cast such as $1::text
// allowed), then nothing, and …, or returning …. It returns the column's
// last name, or why the clause is not that shape.
func (p *tokenReader) phoneTerm() (col, problem string) {
	col = p.name()
	if col == "" || !p.next().is("=") || !p.next().is("$1") {
		return "", "does not pick its rows by <phone column> = $1 first"
	}
	if p.peek().is("::") {
		p.next()
		if p.name() == "" {
			return "", "casts $1 to a type it does not name"
		}
	}
	switch rest := p.next(); {
	case rest.kind == tokEnd, rest.isWord("and"), rest.isWord("returning"):
		return col, ""
	default:
		return "", fmt.Sprintf("follows <phone column> = $1 with %q; only and … may narrow it further", rest.text)
	}
}

// assignedColumns are the columns a set clause assigns: the names at the
// top level that start the clause or follow a comma.
func assignedColumns(set []sqlToken) []string {
	var out []string
	depth, start := 0, true
	for i, t := range set {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.is(","):
			start = true
			continue
		case depth == 0 && start && (t.kind == tokWord || t.kind == tokQuoted) && i+1 < len(set) && (set[i+1].is("=") || set[i+1].is(".")):
			name := t.text
			if set[i+1].is(".") && i+2 < len(set) { // alias.column
				name = set[i+2].text
			}
			out = append(out, name)
		}
		start = false
	}
	return out
}

// tokenReader walks the tokens of one statement.
type tokenReader struct {
	toks []sqlToken
	i    int
}

func (p *tokenReader) peek() sqlToken {
	if p.i >= len(p.toks) {
		return sqlToken{kind: tokEnd}
	}
	return p.toks[p.i]
}

func (p *tokenReader) next() sqlToken {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

// name reads an identifier, maybe qualified (schema.table, alias.column),
// and returns its last part; "" when there is none (nothing is consumed).
func (p *tokenReader) name() string {
	t := p.peek()
	if (t.kind != tokWord || keyword[t.text]) && t.kind != tokQuoted {
		return ""
	}
	p.next()
	for p.peek().is(".") {
		p.next()
		t = p.next()
		if t.kind != tokWord && t.kind != tokQuoted {
			return ""
		}
	}
	return t.text
}

// alias skips an optional table alias ([as] name).
func (p *tokenReader) alias() {
	if p.peek().isWord("as") {
		p.next()
	}
	p.name()
}

// untilWhere returns the tokens before the top-level where.
func (p *tokenReader) untilWhere() []sqlToken {
	start, depth := p.i, 0
	for ; p.i < len(p.toks); p.i++ {
		switch t := p.toks[p.i]; {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.isWord("where"):
			return p.toks[start:p.i]
		}
	}
	return p.toks[start:]
}

// keyword are the words a table or column name cannot be here.
var keyword = map[string]bool{"where": true, "set": true, "from": true, "and": true, "returning": true, "as": true}

// ResetProblem is a Problem about observe.reset_sql[i] of m, at its line,
// for what a check outside Validate found (caas bots --check runs the
// statements).
func (m *Manifest) ResetProblem(i int, msg, fix string) Problem {
	return m.problem(fmt.Sprintf("observe.reset_sql[%d]", i), msg, fix)
}
