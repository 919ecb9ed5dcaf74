package cloudfront

// resourceCovers reports whether a custom policy's Resource pattern
// matches url, with * for any run of characters and ? for exactly one
// (Developer Guide, "Create a signed URL using a custom policy",
// Resource). SignURL uses it to refuse a URL its own policy would not
// let through, which CloudFront would answer with a bare AccessDenied.
// The local edge's verifier has its own matcher; the tests hold the two
// to the same answers.
func resourceCovers(pattern, url string) bool {
	// match[j] reports whether pattern[:i] matches url[:j], row by row.
	match := make([]bool, len(url)+1)
	match[0] = true
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '*' {
			for j := 1; j <= len(url); j++ {
				match[j] = match[j] || match[j-1]
			}
			continue
		}
		for j := len(url); j >= 1; j-- {
			match[j] = match[j-1] && (c == '?' || c == url[j-1])
		}
		match[0] = false
	}
	return match[len(url)]
}
