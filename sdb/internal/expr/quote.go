package expr

import "strings"

// reserved are the words SimpleDB keeps for itself ("Select Quoting
// Rules"), plus the function names itemName and count, which a bare name
// could be mistaken for. Keys are lower case.
var reserved = map[string]bool{
	"or": true, "and": true, "not": true, "from": true, "where": true, "select": true,
	"like": true, "null": true, "is": true, "order": true, "by": true, "asc": true,
	"desc": true, "in": true, "between": true, "intersection": true, "limit": true,
	"every": true, "itemname": true, "count": true,
}

// Reserved reports whether s, in any case, is a reserved word.
func Reserved(s string) bool {
	if len(s) > len("intersection") {
		return false
	}
	return reserved[strings.ToLower(s)]
}

// QuoteName renders a domain or attribute name: bare when it is a plain
// identifier that is not reserved, otherwise between backquotes with any
// backquote doubled.
func QuoteName(s string) string {
	if plain(s) && !Reserved(s) {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

// QuoteValue renders a value between single quotes, any single quote
// doubled.
func QuoteValue(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// plain reports whether s matches [A-Za-z_$][A-Za-z0-9_$]*.
func plain(s string) bool {
	if s == "" || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdent(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdent(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c) || c == '_' || c == '$'
}
