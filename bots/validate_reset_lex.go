package bots

import "strings"

// sqlToken is one token of a statement, as PostgreSQL splits it: a word
// (lower-cased, as the server folds it), a "quoted" name (as written), a
// '…' string, a $n parameter, an operator or a punctuation mark. Comments
// are dropped, since the server ignores them too.
type sqlToken struct {
	kind tokKind
	text string
}

type tokKind int

const (
	tokEnd tokKind = iota
	tokWord
	tokQuoted
	tokString
	tokParam
	tokNumber
	tokOp
	tokPunct
)

func (t sqlToken) is(text string) bool {
	return (t.kind == tokOp || t.kind == tokPunct || t.kind == tokParam) && t.text == text
}
func (t sqlToken) isWord(word string) bool { return t.kind == tokWord && t.text == word }

// opChars are the characters PostgreSQL builds operators from.
const opChars = "+-*/<>=~!@#%^&|`?"

// lexError is a statement sqlTokens cannot read, with what to write instead.
type lexError struct{ problem, fix string }

func (e *lexError) Error() string { return e.problem }

var (
	errComment = &lexError{"has an unclosed /* comment", "close it with */, or drop it"}
	errString  = &lexError{"has an unclosed '…' string", "close the string"}
	errName    = &lexError{`has an unclosed "…" name`, "close the quoted name"}
	errDollar  = &lexError{"uses a dollar-quoted string, which this check cannot read", "write a plain '…' literal"}
	errEscape  = &lexError{"uses an E'…' (or U&, B, X) string, which this check cannot read", "write a plain '…' literal"}
)

// sqlTokens splits sql into tokens. A text it cannot read the way the
// server would is an error rather than a guess: E'…' strings (where a
// backslash escapes the quote) and dollar-quoted strings, which could hide
// code from this reader that the server runs.
func sqlTokens(sql string) ([]sqlToken, *lexError) {
	var out []sqlToken
	s := sql
	for s != "" {
		c := s[0]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			s = s[1:]
		case strings.HasPrefix(s, "--"):
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				end = len(s)
			}
			s = s[end:]
		case strings.HasPrefix(s, "/*"):
			end := strings.Index(s, "*/")
			if end < 0 {
				return nil, errComment
			}
			s = s[end+2:]
		case c == '\'':
			n := quoted(s, '\'')
			if n < 0 {
				return nil, errString
			}
			out, s = append(out, sqlToken{tokString, s[:n]}), s[n:]
		case c == '"':
			n := quoted(s, '"')
			if n < 0 {
				return nil, errName
			}
			out, s = append(out, sqlToken{tokQuoted, strings.ReplaceAll(s[1:n-1], `""`, `"`)}), s[n:]
		case c == '$':
			n := 1
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == 1 {
				return nil, errDollar
			}
			out, s = append(out, sqlToken{tokParam, s[:n]}), s[n:]
		case isWordStart(c):
			n := 1
			for n < len(s) && (isWordStart(s[n]) || s[n] >= '0' && s[n] <= '9' || s[n] == '$') {
				n++
			}
			word := strings.ToLower(s[:n])
			if (word == "e" || word == "b" || word == "x") && strings.HasPrefix(s[n:], "'") || word == "u" && strings.HasPrefix(s[n:], "&'") {
				return nil, errEscape
			}
			out, s = append(out, sqlToken{tokWord, word}), s[n:]
		case c >= '0' && c <= '9' || c == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
			n := 1
			for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '.' || s[n] == 'e' || s[n] == 'E') {
				n++
			}
			out, s = append(out, sqlToken{tokNumber, s[:n]}), s[n:]
		case c == ':' && strings.HasPrefix(s, "::"):
			out, s = append(out, sqlToken{tokOp, "::"}), s[2:]
		case strings.IndexByte(opChars, c) >= 0:
			n := 1
			for n < len(s) && strings.IndexByte(opChars, s[n]) >= 0 && !strings.HasPrefix(s[n:], "--") && !strings.HasPrefix(s[n:], "/*") {
				n++
			}
			out, s = append(out, sqlToken{tokOp, s[:n]}), s[n:]
		default:
			out, s = append(out, sqlToken{tokPunct, s[:1]}), s[1:]
		}
	}
	return out, nil
}

// quoted is the length of the quoted text at the start of s, a doubled
// quote standing for one; -1 when it never closes.
func quoted(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		if s[i] != q {
			continue
		}
		if i+1 < len(s) && s[i+1] == q {
			i++
			continue
		}
		return i + 1
	}
	return -1
}

func isWordStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}
