package ec2test

// EC2 API Reference, Filter data type: in a filter value * matches zero or
// more characters and ? exactly one; a backslash escapes them, so
// `\*amazon\?\\` names the literal string `*amazon?\`. A backslash before
// any other character, or at the end, stands for itself.

// globToken is one element of a parsed filter value.
type globToken struct {
	kind byte // '*', '?' or 0 for the literal r
	r    rune
}

// parseGlob splits an EC2 filter value into wildcards and literals.
func parseGlob(pattern string) []globToken {
	p := []rune(pattern)
	out := make([]globToken, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p) && (p[i+1] == '*' || p[i+1] == '?' || p[i+1] == '\\'):
			i++
			out = append(out, globToken{r: p[i]})
		case c == '*' || c == '?':
			out = append(out, globToken{kind: byte(c)})
		default:
			out = append(out, globToken{r: c})
		}
	}
	return out
}

// wildcard matches s against an EC2 filter value.
func wildcard(pattern, s string) bool {
	p, v := parseGlob(pattern), []rune(s)
	star, mark := -1, 0
	i, j := 0, 0
	for j < len(v) {
		switch {
		case i < len(p) && p[i].kind == '*': // before the literal case: a * in the text is no star
			star, mark = i, j
			i++
		case i < len(p) && (p[i].kind == '?' || (p[i].kind == 0 && p[i].r == v[j])):
			i++
			j++
		case star >= 0:
			i = star + 1
			mark++
			j = mark
		default:
			return false
		}
	}
	for i < len(p) && p[i].kind == '*' {
		i++
	}
	return i == len(p)
}
