package viewerauth

// MatchResource reports whether s matches a custom policy's Resource
// pattern, in which * stands for any run of characters (none included)
// and ? for exactly one character, as CloudFront defines them (Developer
// Guide, "Create a signed URL using a custom policy", Resource).
// Everything else matches only itself, byte for byte: CloudFront compares
// the URL as the viewer sent it, so neither case nor percent-encoding is
// folded.
//
// It runs in O(len(pattern)·len(s)) at worst, never exponentially, since
// a viewer controls s and a signer the pattern.
func MatchResource(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0 // the last * seen, and where in s its run ends now
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]) && pattern[p] != '*':
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			// Let the last * take one more byte and retry after it.
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
